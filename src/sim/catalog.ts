/**
 * The world the simulator draws from: platforms, merchants, couriers, items, official numbers,
 * apps, lenders, hosts. Merchant and shop names are invented; platforms, couriers, apps and the
 * official service numbers are the real ones people meet (check them before reusing as data).
 */

export interface Platform {
  id: string;
  zh: string;
  /** What a fake agent calls himself when citing an order on this platform. */
  agent: string;
}

export const PLATFORMS: readonly Platform[] = [
  { id: 'taobao', zh: '淘宝', agent: '淘宝客服' },
  { id: 'tmall', zh: '天猫', agent: '天猫客服' },
  { id: 'jd', zh: '京东', agent: '京东客服' },
  { id: 'pdd', zh: '拼多多', agent: '拼多多客服' },
  { id: 'douyin', zh: '抖音', agent: '抖音客服' },
];

/** Platform shares of ordinary orders. */
export const PLATFORM_WEIGHTS: readonly (readonly [string, number])[] = [
  ['taobao', 34],
  ['tmall', 14],
  ['jd', 26],
  ['pdd', 20],
  ['douyin', 6],
];

export interface Item {
  name: string;
  /** Price range in yuan. */
  lo: number;
  hi: number;
  kind: 'beauty' | 'baby' | 'clothes' | 'home' | 'food' | 'digital' | 'other';
}

export const ITEMS: readonly Item[] = [
  { name: '香水 50ml', lo: 168, hi: 598, kind: 'beauty' },
  { name: '补水面膜 20片', lo: 79, hi: 238, kind: 'beauty' },
  { name: '爽肤水 400ml', lo: 89, hi: 329, kind: 'beauty' },
  { name: '防晒霜', lo: 59, hi: 269, kind: 'beauty' },
  { name: '口红礼盒', lo: 129, hi: 459, kind: 'beauty' },
  { name: '婴儿奶瓶', lo: 69, hi: 189, kind: 'baby' },
  { name: '纸尿裤 XL 4包', lo: 159, hi: 329, kind: 'baby' },
  { name: '儿童保温杯', lo: 49, hi: 139, kind: 'baby' },
  { name: '宝宝辅食米粉', lo: 39, hi: 118, kind: 'baby' },
  { name: '纯棉T恤', lo: 39, hi: 169, kind: 'clothes' },
  { name: '连衣裙', lo: 99, hi: 399, kind: 'clothes' },
  { name: '运动鞋', lo: 199, hi: 899, kind: 'clothes' },
  { name: '儿童外套', lo: 89, hi: 299, kind: 'clothes' },
  { name: '乳胶枕', lo: 99, hi: 369, kind: 'home' },
  { name: '四件套 床上用品', lo: 129, hi: 599, kind: 'home' },
  { name: '空气炸锅', lo: 199, hi: 499, kind: 'home' },
  { name: '抽纸 24包', lo: 29.9, hi: 69.9, kind: 'home' },
  { name: '洗衣凝珠', lo: 39.9, hi: 99, kind: 'home' },
  { name: '坚果礼盒', lo: 59, hi: 199, kind: 'food' },
  { name: '牛奶 24盒', lo: 49.9, hi: 89, kind: 'food' },
  { name: '咖啡豆 1kg', lo: 69, hi: 259, kind: 'food' },
  { name: '蓝牙耳机', lo: 99, hi: 1299, kind: 'digital' },
  { name: '手机壳', lo: 9.9, hi: 59, kind: 'digital' },
  { name: '充电宝', lo: 79, hi: 259, kind: 'digital' },
  { name: '机械键盘', lo: 199, hi: 799, kind: 'digital' },
  { name: '瑜伽垫', lo: 39, hi: 159, kind: 'other' },
  { name: '猫粮 10kg', lo: 129, hi: 399, kind: 'other' },
  { name: '车载手机支架', lo: 19.9, hi: 89, kind: 'other' },
];

/** Invented shop names by kind; each platform gets the same pool (shops are on several platforms). */
export const SHOPS: Readonly<Record<Item['kind'], readonly string[]>> = {
  beauty: ['悦颜美妆旗舰店', '花漾护肤专营店', '澜肌官方旗舰店', '芷若美妆集合店', '初雪化妆品店', '蜜语香氛馆'],
  baby: ['小熊宝贝母婴店', '禾苗母婴专营店', '贝乐多官方旗舰店', '萌芽童品馆', '暖暖母婴优选'],
  clothes: ['素衣女装店', '北巷男装工作室', '跃动运动专营店', '童趣童装旗舰店', '棉麻小铺'],
  home: ['安居家纺旗舰店', '厨乐小家电专营店', '净享日用百货', '梦枕家居馆', '好邻居生活馆'],
  food: ['山野坚果铺', '晨光乳品专营店', '豆香咖啡工坊', '老街零食屋'],
  digital: ['声动数码旗舰店', '极客配件专营店', '闪充数码店', '键客外设馆'],
  other: ['喵星人宠物用品店', '悦动健身器材店', '途安车品店'],
};

export interface Courier {
  zh: string;
  /** Official service number. */
  hotline: string;
  tracking: (digits: (n: number) => string) => string;
}

export const COURIERS: readonly Courier[] = [
  { zh: '圆通速递', hotline: '95554', tracking: (d) => `YT${d(13)}` },
  { zh: '中通快递', hotline: '95311', tracking: (d) => `7${d(13)}` },
  { zh: '申通快递', hotline: '95543', tracking: (d) => `77${d(13)}` },
  { zh: '韵达快递', hotline: '95546', tracking: (d) => `43${d(13)}` },
  { zh: '顺丰速运', hotline: '95338', tracking: (d) => `SF${d(13)}` },
  { zh: '京东物流', hotline: '950616', tracking: (d) => `JDV${d(12)}` },
  { zh: '极兔速递', hotline: '956025', tracking: (d) => `JT${d(13)}` },
  { zh: '邮政EMS', hotline: '11183', tracking: (d) => `98${d(11)}` },
];

/** Courier shares by platform (JD ships mostly with its own logistics). */
export function courierWeights(platform: string): readonly (readonly [number, number])[] {
  if (platform === 'jd')
    return [
      [5, 70],
      [4, 10],
      [1, 8],
      [0, 6],
      [7, 6],
    ];
  return [
    [0, 18],
    [1, 22],
    [2, 12],
    [3, 18],
    [4, 8],
    [6, 14],
    [7, 8],
  ];
}

/**
 * Official customer-service numbers that call people or that people call. The phone apps often tag
 * them `official`. Listed here so a reader can see exactly what the population uses.
 */
export const OFFICIAL_NUMBERS: readonly { number: string; zh: string; identity: string }[] = [
  { number: '95188', zh: '支付宝', identity: '支付宝客服' },
  { number: '950618', zh: '京东金融', identity: '京东金融客服' },
  { number: '95118', zh: '京东', identity: '京东客服' },
  { number: '9510211', zh: '淘宝/天猫', identity: '淘宝客服' },
  { number: '95017', zh: '微信支付/财付通', identity: '微信支付客服' },
  { number: '95588', zh: '工商银行', identity: '工商银行客服' },
  { number: '95533', zh: '建设银行', identity: '建设银行客服' },
  { number: '95599', zh: '农业银行', identity: '农业银行客服' },
  { number: '95555', zh: '招商银行', identity: '招商银行客服' },
  { number: '95539', zh: '南方航空', identity: '南方航空客服' },
  { number: '95530', zh: '东方航空', identity: '东方航空客服' },
  { number: '95554', zh: '圆通速递', identity: '圆通客服' },
  { number: '95311', zh: '中通快递', identity: '中通客服' },
  { number: '95338', zh: '顺丰速运', identity: '顺丰客服' },
  { number: '96110', zh: '反诈预警专线', identity: '反诈中心' },
];

export const BANKS: readonly { zh: string; bin: string }[] = [
  { zh: '工商银行', bin: '622202' },
  { zh: '建设银行', bin: '621700' },
  { zh: '农业银行', bin: '622848' },
  { zh: '中国银行', bin: '621661' },
  { zh: '招商银行', bin: '621483' },
  { zh: '邮储银行', bin: '621799' },
  { zh: '交通银行', bin: '622262' },
  { zh: '农村信用社', bin: '622991' },
];

export interface Lender {
  provider: string;
  product: string;
  /** The app a borrower installs or opens for it. */
  app: string;
  /** Typical credit limit range. */
  lo: number;
  hi: number;
}

export const LENDERS: readonly Lender[] = [
  { provider: '支付宝', product: '备用金', app: '支付宝', lo: 500, hi: 500 },
  { provider: '支付宝', product: '借呗', app: '支付宝', lo: 3000, hi: 50000 },
  { provider: '支付宝', product: '花呗', app: '支付宝', lo: 1500, hi: 20000 },
  { provider: '微众银行', product: '微粒贷', app: '微信', lo: 2000, hi: 40000 },
  { provider: '京东金融', product: '京东金条', app: '京东金融', lo: 3000, hi: 60000 },
  { provider: '京东金融', product: '京东白条', app: '京东金融', lo: 2000, hi: 30000 },
  { provider: '58同城', product: '58好借', app: '58同城', lo: 2000, hi: 20000 },
  { provider: '还呗', product: '还呗', app: '还呗', lo: 3000, hi: 30000 },
  { provider: '拍拍贷', product: '拍拍贷', app: '拍拍贷', lo: 2000, hi: 20000 },
  { provider: '马上消费金融', product: '安逸花', app: '安逸花', lo: 3000, hi: 30000 },
  { provider: '度小满', product: '有钱花', app: '度小满', lo: 3000, hi: 40000 },
  { provider: '招联金融', product: '好期贷', app: '招联金融', lo: 3000, hi: 40000 },
  { provider: '小米金融', product: '小米贷款', app: '小米贷款', lo: 2000, hi: 20000 },
  { provider: '平安消费金融', product: '平安消费金融', app: '平安消费金融', lo: 3000, hi: 30000 },
  { provider: '360数科', product: '360借条', app: '360借条', lo: 3000, hi: 30000 },
  { provider: '乐信', product: '分期乐', app: '分期乐', lo: 2000, hi: 20000 },
];

export function lender(product: string): Lender {
  const l = LENDERS.find((x) => x.product === product);
  if (!l) throw new Error(`unknown loan product ${product}`);
  return l;
}

/** Loan products ordinary borrowers use, with weights (mainstream first). */
export const ORDINARY_LOANS: readonly (readonly [string, number])[] = [
  ['借呗', 30],
  ['花呗', 10],
  ['微粒贷', 20],
  ['京东金条', 14],
  ['有钱花', 6],
  ['好期贷', 6],
  ['安逸花', 4],
  ['360借条', 4],
  ['京东白条', 6],
];

export const MEETING_APPS: readonly string[] = ['腾讯会议', '钉钉', '飞书', 'ZOOM', '企业微信'];
export const SCAM_CONTROL_APPS: readonly (readonly [{ app: string; category: 'meeting' | 'screen-share' | 'remote-control' }, number])[] = [
  [{ app: '腾讯会议', category: 'meeting' }, 45],
  [{ app: 'ZOOM', category: 'meeting' }, 12],
  [{ app: '钉钉', category: 'meeting' }, 8],
  [{ app: '飞书', category: 'meeting' }, 4],
  [{ app: '云视讯', category: 'meeting' }, 10],
  [{ app: '小鱼易连', category: 'meeting' }, 5],
  [{ app: '瞩目', category: 'meeting' }, 3],
  [{ app: '向日葵', category: 'remote-control' }, 7],
  [{ app: 'ToDesk', category: 'remote-control' }, 6],
];

/** Hosts where real verification codes are typed. */
export const OFFICIAL_HOSTS: readonly (readonly [string, string])[] = [
  ['login', 'auth.alipay.com'],
  ['payment', 'cashier.alipay.com'],
  ['login', 'login.taobao.com'],
  ['login', 'passport.jd.com'],
  ['payment', 'pay.jd.com'],
  ['payment', 'pay.weixin.qq.com'],
  ['login', 'ebank.icbc.com.cn'],
  ['payment', 'epay.ccb.com'],
  ['login', 'kyfw.12306.cn'],
  ['login', 'passport.meituan.com'],
  ['bind-card', 'cashier.alipay.com'],
];

export const BENIGN_URLS: readonly string[] = [
  'https://m.tb.cn/h.{r}',
  'https://item.jd.com/{n}.html',
  'https://mobile.yangkeduo.com/goods.html?goods_id={n}',
  'https://www.zhihu.com/question/{n}',
  'https://mp.weixin.qq.com/s/{r}',
  'https://www.bilibili.com/video/BV{r}',
  'https://www.12306.cn/index/',
  'https://www.gov.cn/zhengce/{n}.htm',
  'https://news.qq.com/rain/a/{r}',
  'https://v.douyin.com/{r}/',
  'https://www.xiaohongshu.com/explore/{r}',
  'https://map.baidu.com/',
];

/** Resaleable goods gift cards are spent on within minutes. */
export const RESALE_GOODS: readonly string[] = [
  'Apple iPhone 15 Pro 256G',
  'Apple iPad Air',
  '飞天茅台 53度 500ml',
  '五粮液 普五 52度',
  'Nintendo Switch OLED',
  '足金转运珠 10g',
  '戴森吹风机 HD15',
  '华为 Mate 60 Pro',
];

/** What employees buy with company gift cards, over days. */
export const EVERYDAY_GOODS: readonly string[] = [
  '图书 三册',
  '大米 10kg',
  '洗护套装',
  '牛奶礼盒',
  '儿童绘本',
  '电饭煲',
  '床品四件套',
  '食用油 5L',
];

export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN_CHARS: readonly string[] = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅玉兰志强海燕小红婷雪琳浩宇晨欣怡子轩梓涵佳豪思远俊杰文博',
];
