import { describe, expect, it } from 'vitest';
import { analyzer, codesOf } from './analyzer-fixture.js';

describe('matching and offsets', () => {
  it('reports evidence spans that are exact slices of the original text', () => {
    const text = '客服：您加一下我们的理赔 扣 扣 283746512，再打开支付宝備用金领取五百元';
    const a = analyzer.assess(text);
    const turns = analyzer.parse(text);
    expect(a.signals.length).toBeGreaterThan(0);
    for (const s of a.signals) for (const sp of s.spans) expect(turns[sp.turn].text.slice(sp.start, sp.end)).toBe(sp.text);
    const reserve = a.signals.find((s) => s.code === 'RESERVE_FUND');
    expect(reserve?.spans[0].text).toBe('備用金');
  });

  it('extracts phones, QQ ids, bank cards, URLs, amounts and apps', () => {
    const a = analyzer.assess(
      '加QQ 283746512，电话 138-1234-5678，卡号 6222 0212 3456 7890 123，打开 http://tb-lp.cn/x 用腾讯会议，转一千二百元',
    );
    const byType = (t: string): string[] => a.entities.filter((e) => e.type === t).map((e) => e.value);
    expect(byType('qq')).toEqual(['283746512']);
    expect(byType('phone')).toEqual(['13812345678']);
    expect(byType('bank-card')).toEqual(['6222021234567890123']);
    expect(byType('url')).toEqual(['http://tb-lp.cn/x']);
    expect(byType('amount')).toEqual(['1200']);
    expect(byType('app')).toContain('腾讯会议');
  });
});

describe('negation and warnings', () => {
  it("reads a question about what already happened as no request (a bank's real anti-fraud call)", () => {
    const bank = { turns: [{ speaker: 'agent', text: '请问您有没有接到过自称客服、要求您转账去安全账户的电话？' }] };
    expect(codesOf(bank)).not.toContain('SAFE_ACCOUNT');
    expect(codesOf({ turns: [{ speaker: 'agent', text: '请问您最近有没有把验证码告诉过别人？' }] })).not.toContain('OTP_REQUEST');
    // The nearest scam twins: the same words as requests.
    expect(codesOf({ turns: [{ speaker: 'agent', text: '您现在转账去安全账户，资金就不会被冻结' }] })).toContain('SAFE_ACCOUNT');
    expect(codesOf({ turns: [{ speaker: 'agent', text: '您有没有收到验证码？把验证码报给我' }] })).toContain('OTP_REQUEST');
  });

  it('raises nothing for a real agent saying she never asks for codes or transfers', () => {
    const a = analyzer.assess({ turns: [{ speaker: 'agent', text: '我们不会索取验证码，请勿转账，也不需要您开通备用金。' }] });
    expect(a.signals.map((s) => s.code)).not.toContain('OTP_REQUEST');
    expect(a.signals.map((s) => s.code)).not.toContain('TRANSFER_INSTRUCTION');
    expect(a.signals.map((s) => s.code)).not.toContain('RESERVE_FUND');
    expect(a.scam).toBe(false);
  });
  it('still raises when the same words are an instruction', () => {
    expect(codesOf({ turns: [{ speaker: 'agent', text: '您把验证码报给我，再开通备用金。' }] })).toEqual(
      expect.arrayContaining(['OTP_REQUEST', 'RESERVE_FUND']),
    );
  });
  it('treats "…的都是骗子" as a warning, not an instruction', () => {
    expect(codesOf('让你加QQ退款的都是骗子')).not.toContain('ADD_QQ');
  });
  it('reads "如果不关闭…" as a threat, not a negation', () => {
    expect(codesOf('如果不关闭理赔通道，每天都会扣您利息')).toContain('CLOSE_OR_PAY_INTEREST');
  });
});

describe('speaker roles', () => {
  it('counts a caller asking for a code, not a customer saying she received one', () => {
    expect(codesOf({ turns: [{ speaker: 'caller', text: '您收到验证码了吧，报给我一下' }] })).toContain('OTP_REQUEST');
    expect(codesOf({ turns: [{ speaker: 'customer', text: '我收到验证码了，要报给你吗' }] })).not.toContain('OTP_REQUEST');
  });
  it('recognises labels in plain text', () => {
    const turns = analyzer.parse('客服：您好\n我：你好\n【坐席】请稍等');
    expect(turns.map((t) => t.role)).toEqual(['other', 'self', 'other']);
  });
  it('reads chat-export labels: timestamps, an organisation tag, an inner space, a title, an aside', () => {
    const roles = (text: string): [string | null, string][] => analyzer.parse(text).map((t) => [t.speaker, t.role]);
    expect(roles('2025-03-11 16:02 清理办-李主任：你好\n2025-03-11 16:02 我：嗯\n[16:03] 清理办-李主任: 下载这个')).toEqual([
      ['清理办-李主任', 'other'],
      ['我', 'self'],
      ['清理办-李主任', 'other'],
    ]);
    expect(roles('【众安理赔】专员 李静（工号ZA0731）：您好\n我：要退\n专员 李静：好的')).toEqual([
      ['专员 李静', 'other'],
      ['我', 'self'],
      ['专员 李静', 'other'],
    ]);
    // The aside says who is who when the labels themselves (A, B) do not.
    expect(roles('A（自称中国银行征信管理部）：石先生\nB（我）：是有\nA：对\nB：加了')).toEqual([
      ['A', 'other'],
      ['B', 'self'],
      ['A', 'other'],
      ['B', 'self'],
    ]);
    // A time at the start of a line is not a speaker.
    expect(roles('12:30 到了吗\n我：好')).toEqual([
      [null, 'unknown'],
      ['我', 'self'],
    ]);
  });
  it('keeps prose with a stray colon as narrative', () => {
    const turns = analyzer.parse('警方提示：不要转账。');
    expect(turns).toHaveLength(1);
    expect(turns[0].role).toBe('unknown');
  });
});

describe('verdict', () => {
  it('needs the mechanics of the scam, not just refund talk', () => {
    const benign = analyzer.assess({
      turns: [
        { speaker: 'customer', text: '我的快递丢了，能退款吗？' },
        { speaker: 'agent', text: '非常抱歉，已为您登记，退款会原路退回到您的银行卡，3个工作日到账。' },
        { speaker: 'customer', text: '好的，刚收到京东的验证码是登录用的吗' },
        { speaker: 'agent', text: '是的，验证码请勿告诉任何人。' },
      ],
    });
    expect(benign.scam).toBe(false);
    expect(benign.verdict).toBe('safe');
  });
  it('never makes identity and topic a scam when they answer the person, however many of them there are', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: 'customer', text: '你好，我的快递三天没更新了，单号尾号4417，是不是丢了？' },
        { speaker: 'agent', text: '您好，这里是XX快递客服中心，我是客服小王，帮您查了，您的包裹在运输途中丢失了' },
        { speaker: 'customer', text: '啊？那怎么办' },
        { speaker: 'agent', text: '我们是顺丰理赔专员，会按保价给您理赔，商品质量问题也可以在订单页申请退款' },
      ],
    });
    expect(a.scam).toBe(false);
  });
  it('reads an unsolicited "service" call that knows the order and offers a refund as a scam (1.7.0: the labelling rule)', () => {
    // Until 1.6.0 identity and topic never made a scam; by the corpus labelling rule an unsolicited caller who
    // claims the service, knows the order and offers a refund is a live attempt, and the n-grams learned
    // from eight authors' hook calls say so even where the lexicon sees no push.
    const a = analyzer.assess({
      turns: [
        { speaker: 'agent', text: '您好，这里是XX快递客服中心，我是客服小王，您的包裹在运输途中丢失了' },
        { speaker: 'customer', text: '啊？那怎么办' },
        { speaker: 'agent', text: '我们是顺丰理赔专员，商品质量问题也可以一起退款，您之前购买的订单我们都查到了' },
      ],
    });
    expect(a.scam).toBe(true);
    expect(a.ngramContribution).toBeGreaterThan(0);
  });
  it('needs the mechanic from the other party, not the protected person', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: 'customer', text: '我上周买的面膜用了脸上发红，想问问怎么处理' },
        { speaker: 'agent', text: '您好，我是淘宝客服，您买的面膜检测出甲醛，要给您退款' },
        { speaker: 'customer', text: '共享屏幕是什么意思？腾讯会议我也没用过' },
      ],
    });
    expect(a.scam).toBe(false);
  });
  describe('a live attempt at the hook or pretext (the labelling rule: a scam however early refused)', () => {
    const attempt = [
      { speaker: 'caller', text: '喂您好，请问是王女士吗？' },
      { speaker: 'callee', text: '是，哪位？' },
      {
        speaker: 'caller',
        text: '我是苏宁易购售后的，您四月份买的那个电热水壶有安全隐患，国家要求召回，我们主动给您退全款，另外补偿三倍货款。',
      },
      { speaker: 'callee', text: '不用了，我挂了。' },
    ];
    it('is a scam when the other party opens, claims to be the service, brings up the pretext unasked and offers', () => {
      const a = analyzer.assess({ turns: attempt });
      expect(a.scam).toBe(true);
      expect(a.stage).toBe('pretext');
      expect(a.family).toBe('quality-refund');
    });
    it('is not when the same caller points to the real process (原路退回, the order page)', () => {
      const turns = [...attempt];
      turns[2] = {
        speaker: 'caller',
        text: '我是苏宁易购售后的，您四月份买的那个电热水壶有安全隐患，国家要求召回，您在App订单页申请退货，货款原路退回。',
      };
      expect(analyzer.assess({ turns }).scam).toBe(false);
    });
    it('is not when the person raised the problem first (an answer, not an unsolicited offer)', () => {
      const a = analyzer.assess({
        turns: [
          { speaker: 'customer', text: '我的快递一直没到，显示到站点三天了，怎么回事' },
          { speaker: 'agent', text: '您好，我是韵达客服，站点反馈包裹丢失了，非常抱歉，给您三倍赔偿' },
          { speaker: 'customer', text: '好的' },
        ],
      });
      expect(a.scam).toBe(false);
    });
    it('is not when the attempt is retold and was refused before any step', () => {
      const a = analyzer.assess(
        '我昨天接到个电话，说是苏宁易购售后的，说我买的电热水壶有安全隐患要召回，给我退全款再补偿三倍货款。我觉得不对，直接挂了。',
      );
      expect(a.scam).toBe(false);
    });
    it("reads a text message as received as its sender's words (【圆通速递】…: the tag is the claim)", () => {
      const sms = '【圆通速递】尊敬的客户，您的快件于中转途中遗失，按规定将给予货值三倍理赔。请回复“1”，理赔专员将与您联系办理。';
      expect(analyzer.parse(sms)[0]).toMatchObject({ speaker: '圆通速递', role: 'other' });
      expect(analyzer.assess(sms).scam).toBe(true);
      const official = '【东方航空】尊敬的旅客，您的航班因天气原因取消，可在东航App免费办理改签或退票，退款原路退回。';
      expect(analyzer.assess(official).scam).toBe(false);
    });
    it('does not read a case report, a notice or a retold message as a message from its sender', () => {
      expect(analyzer.parse('【警情通报】市民陈女士接到自称客服的电话，您要警惕')[0].role).toBe('unknown');
      expect(analyzer.parse('【求助】我收到一条短信说您的快件丢了，三倍理赔')[0].role).toBe('unknown');
    });
    it('reads an official warning that lists the steps without saying 诈骗 as a notice', () => {
      const a = analyzer.assess(
        '【淘宝安全提醒】淘宝平台及商家不会以任何理由主动致电要求您：添加QQ办理退款；下载会议软件共享屏幕；向个人账户转账或购买礼品卡。如遇此类情况，请立即挂断。',
      );
      expect(a.scam).toBe(false);
    });
    it('counts a live step of the machinery as the push, but not a request for a name or a phone number', () => {
      const live = (ask: string) => {
        const st = analyzer.stream();
        st.push({ speaker: 'agent', text: `您好，这里是京东客服，您的包裹在运输途中破损了，${ask}` });
        st.push({ speaker: 'customer', text: '好的' });
        return st.liveAttempt();
      };
      expect(live('需要您提供一下银行卡号和密码核对')).toMatchObject({ pretext: true, push: true, scam: true });
      expect(live('需要您提供一下收货人姓名和手机号核对')).toMatchObject({ pretext: true, push: false, scam: false });
    });
    it('needs a push: a claim and a pretext alone stay suspicious at most', () => {
      const a = analyzer.assess({
        turns: [
          { speaker: 'caller', text: '您好，这里是圆通速递总部客服，您有一单包裹有个异常情况需要和您核实' },
          { speaker: 'callee', text: '不方便，挂了' },
        ],
      });
      expect(a.scam).toBe(false);
    });
  });
  it('reports stage, family, typology version and advice for a scam', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: 'caller', text: '您好我是淘宝客服，您买的面膜甲醛超标，给您双倍理赔' },
        { speaker: 'caller', text: '您加一下我们理赔QQ，然后打开支付宝备用金把500领出来，这是商家的钱不用您还' },
      ],
    });
    expect(a.scam).toBe(true);
    expect(a.family).toBe('quality-refund');
    expect(a.stage).toBe('credit-pivot');
    expect(a.typologyVersion).toBe(analyzer.typology.version);
    expect(a.advice.zh).toContain('备用金');
    expect(a.advice.en.length).toBeGreaterThan(0);
  });
});

describe('outcome of a retold attempt (1.4.0)', () => {
  const refused =
    '中午有人打电话说是京东客服，说我买的电饭煲有质量问题要赔三倍，让我加他QQ，再下个会议软件开共享屏幕。我没加，直接挂了，打了京东官方客服，说没这回事。';
  it('is not a scam verdict when the person tells she turned the caller away before any step', () => {
    const a = analyzer.assess(refused);
    expect(a.scam).toBe(false);
    expect(a.verdict).toBe('suspicious');
  });
  it('is a scam when she tells of a step she followed, even if she hung up later', () => {
    const a = analyzer.assess(refused.replace('我没加，直接挂了', '我加了以后他让我打开备用金，我才觉得不对，挂了'));
    expect(a.scam).toBe(true);
  });
  it('is not a scam when the real service in the conversation says the retold call was a fraud', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: 'customer', text: '刚才有人打电话说是顺丰理赔中心，说我的件丢了要给我赔钱，让我加他QQ，再下载会议软件共享屏幕' },
        { speaker: 'agent', text: '您的快件正常在派送中，没有遗失。那个电话是诈骗，请不要理会。' },
      ],
    });
    expect(a.scam).toBe(false);
  });
  it('still flags a live caller pushing the steps, however firmly the person refuses', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: 'caller', text: '您好我是淘宝客服，您买的面膜甲醛超标，给您双倍理赔' },
        { speaker: 'caller', text: '您加一下我们理赔QQ，然后打开支付宝备用金把500领出来，这是商家的钱不用您还' },
        { speaker: 'callee', text: '你是骗子吧，我不加，挂了' },
      ],
    });
    expect(a.scam).toBe(true);
  });
});

describe('streaming', () => {
  it('gives an assessment after each turn and remembers the first scam turn', () => {
    const stream = analyzer.stream();
    const first = stream.push({ speaker: 'caller', text: '您好，我是京东客服。' });
    expect(first.scam).toBe(false);
    expect(first.firstScamTurn).toBeNull();
    stream.push({ speaker: 'callee', text: '嗯，什么事' });
    const third = stream.push({
      speaker: 'caller',
      text: '您买的奶粉被召回了，加一下我们QQ，下载腾讯会议共享屏幕，我指导您开通备用金领取理赔',
    });
    expect(third.scam).toBe(true);
    expect(third.firstScamTurn).toBe(2);
    const fourth = stream.push({ speaker: 'callee', text: '好的' });
    expect(fourth.firstScamTurn).toBe(2);
    expect(fourth.turns).toBe(4);
  });
  it('streams to the same result as assessing the whole conversation', () => {
    const turns = [
      { speaker: 'caller', text: '顺丰理赔中心，您的包裹运输途中丢失了，给您三倍理赔' },
      { speaker: 'caller', text: '您的芝麻信用分太低，需要走一下流水，在借呗上借2万出来' },
    ];
    const stream = analyzer.stream();
    let last;
    for (const t of turns) last = stream.push(t);
    expect(last).toEqual(analyzer.assess({ turns }));
  });
});

describe('notices and reported speech', () => {
  it('reads a generic "you" after the fraudster as a description (1.4.0)', () => {
    expect(codesOf('都是骗子，让你借钱再转给他们')).not.toContain('TRANSFER_INSTRUCTION');
    expect(codesOf('他们让你把金条额度借出来转走')).not.toContain('LOAN_INSTRUCTION');
    expect(codesOf('骗子让我把金条额度借出来转走')).toContain('LOAN_INSTRUCTION');
  });
  const scamCodes = ['SCREEN_SHARE', 'RESERVE_FUND', 'ADD_QQ', 'SAFE_ACCOUNT', 'DOWNLOAD_APP'];
  it('does not count what a notice says fraudsters do', () => {
    const notice =
      '【某银行】温馨提示：近期有不法分子冒充电商客服，诱导客户下载会议软件共享屏幕、向“安全账户”转账。诈骗分子会让你加QQ，再让你开通备用金。';
    const codes = codesOf(notice);
    for (const c of scamCodes) expect(codes).not.toContain(c);
    expect(analyzer.assess(notice).scam).toBe(false);
  });
  it('applies the sentence rules ahead of a header that comes late in the turn', () => {
    const notice =
      '财务部通知：近期有人冒充公司领导添加员工微信，要求向个人账户转账。公司所有付款均走对公账户，任何通过微信、QQ要求转账到个人账户的都是诈骗，请大家警惕。';
    const codes = codesOf(notice);
    for (const c of ['ADD_WECHAT', 'SAFE_ACCOUNT', 'TRANSFER_INSTRUCTION']) expect(codes).not.toContain(c);
    expect(analyzer.assess(notice).scam).toBe(false);
  });
  it('does not count 诈骗分子会… or a hypothetical outside a notice either', () => {
    expect(codesOf('诈骗分子一般会让你下载会议软件共享屏幕')).not.toContain('SCREEN_SHARE');
    expect(codesOf('要是有人让你共享屏幕，你就挂')).not.toContain('SCREEN_SHARE');
  });
  it('keeps a training going across the same speaker’s turns', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: '组长', text: '今天培训，讲一下冒充客服的诈骗话术' },
        { speaker: '组长', text: '他们先让客户加QQ，再让客户打开备用金，最后转到安全账户' },
      ],
    });
    expect(a.signals.map((s) => s.code)).not.toContain('ADD_QQ');
    expect(a.scam).toBe(false);
  });
  it('still counts the scam in a victim’s own story, even when it mentions a warning', () => {
    const story =
      '我昨天接到自称淘宝客服的电话，说我买的面膜甲醛超标，让我加QQ，又让我下载腾讯会议共享屏幕，打开备用金把500领出来转到他们的安全账户。后来看到警方提示才知道是诈骗。';
    const a = analyzer.assess(story);
    expect(a.signals.map((s) => s.code)).toEqual(expect.arrayContaining(['SCREEN_SHARE', 'RESERVE_FUND', 'SAFE_ACCOUNT']));
    expect(a.scam).toBe(true);
  });
  it('keeps a police report’s specific case ahead of its closing tip', () => {
    const report =
      '3月2日，李女士接到自称快递客服的电话，称其包裹丢失要双倍理赔，李女士按对方要求下载会议软件开启屏幕共享，并在借呗借款2万元转入对方账户。警方提示：此类诈骗分子会让你共享屏幕，请勿相信。';
    expect(codesOf(report)).toContain('SCREEN_SHARE');
    expect(analyzer.assess(report).scam).toBe(true);
  });
  it('reads the caller’s words retold in the person’s own turn as the caller’s', () => {
    const turns = [{ speaker: 'customer', text: '刚才有人打电话说我的快递丢了，让我把验证码报给他，还让我加他QQ' }];
    expect(codesOf({ turns })).toEqual(expect.arrayContaining(['OTP_REQUEST', 'ADD_QQ']));
    // Her own words outside the retelling stay hers.
    expect(codesOf({ turns: [{ speaker: 'customer', text: '我收到验证码了，要报给你吗' }] })).not.toContain('OTP_REQUEST');
  });
  it('lets a clause negator reach the whole clause', () => {
    expect(
      codesOf({ turns: [{ speaker: 'agent', text: '京东客服不会以订单异常、商品召回等理由要求您提供银行卡号、验证码' }] }),
    ).not.toContain('OTP_REQUEST');
  });
});

describe("the bank's and the police's own voice (1.9.0)", () => {
  it('reads a check whether someone else asked for the step as a question, not a request', () => {
    const check = (text: string): string[] => codesOf({ turns: [{ speaker: 'agent', text }] });
    expect(check('我这边问一下，是有人让您把钱转到“安全账户”吗？')).not.toContain('SAFE_ACCOUNT');
    expect(check('怕是有人让您把所谓“代码”输进金额框')).not.toContain('CODE_AS_AMOUNT');
    expect(check('最近没人跟您说要给您退款、要您开备用金、共享屏幕之类的吧？')).not.toContain('SCREEN_SHARE');
    // The nearest scam twins: the caller asks for the step himself.
    expect(check('您现在把钱转到安全账户，我们帮您保管')).toContain('SAFE_ACCOUNT');
    expect(check('您打开会议，点一下共享屏幕')).toContain('SCREEN_SHARE');
  });
  it('reads 不要相信任何…的人 as a warning over its whole clause', () => {
    const sms = '【顺丰速运】您的理赔已审核通过，款项原路退回。请勿相信任何以理赔为由要求您添加好友、共享屏幕或提供验证码的电话。';
    for (const c of ['ADD_WECHAT', 'SCREEN_SHARE', 'OTP_REQUEST']) expect(codesOf(sms)).not.toContain(c);
    expect(codesOf('您相信我，以理赔为由要求您提供验证码是正常流程，您报给我')).toContain('OTP_REQUEST');
  });
  it('does not take a transfer the customer already made to a personal account for a safe-account request', () => {
    const bank = { turns: [{ speaker: 'agent', text: '您十一点二十分给一个个人账户转了三千六，账户是新加的，需要跟您确认一下用途' }] };
    expect(codesOf(bank)).not.toContain('SAFE_ACCOUNT');
    expect(codesOf({ turns: [{ speaker: 'agent', text: '您把退款转到这个个人账户，我们核对后返还' }] })).toContain('SAFE_ACCOUNT');
  });
  it('reads a talk addressed to an audience as a notice', () => {
    const talk = {
      turns: [
        { speaker: '讲师', text: '大家午休时间耽误十分钟，给大家讲个跟网购有关的骗局。' },
        { speaker: '女工', text: '是不是说快递丢了赔钱的那种？' },
        { speaker: '讲师', text: '对。先让你加QQ，然后发个会议号让你进去开共享屏幕，再说理赔款打到你的备用金了，让你转回去。' },
      ],
    };
    for (const c of ['ADD_QQ', 'MEETING_APP', 'SCREEN_SHARE']) expect(codesOf(talk)).not.toContain(c);
    expect(analyzer.assess(talk).scam).toBe(false);
  });
  it('is not a scam when 96110 calls back about a call the person turned away', () => {
    const callback = {
      turns: [
        { speaker: 'caller', text: '你好，这里是反诈中心96110，你刚才接了一个冒充京东客服的电话' },
        { speaker: 'callee', text: '对，他说我白条利率不合规要关闭，让我加他QQ，我没加，就挂了' },
        { speaker: 'caller', text: '做得对。这伙人后面一般是让人共享屏幕，在各种贷款APP上借钱转走。' },
      ],
    };
    expect(codesOf({ turns: callback.turns.slice(0, 1) })).toContain('DEBUNKED');
    expect(analyzer.assess(callback).scam).toBe(false);
    // Its twin: the same opening by a caller who then asks for the steps himself.
    const twin = {
      turns: [
        { speaker: 'caller', text: '你好，这里是京东金融客服，你的白条利率不合规要关闭，不关闭会影响征信' },
        { speaker: 'callee', text: '啊？那怎么办' },
        { speaker: 'caller', text: '你先加我QQ，下载会议软件共享屏幕，我教你在贷款APP上把额度借出来转到监管账户' },
      ],
    };
    expect(analyzer.assess(twin).scam).toBe(true);
  });
});

describe('a text message that sends you to its own "hotline" (1.10.0)', () => {
  const sms = (tail: string): string => `【抖音】尊敬的用户：您开通的直播带货会员将于明日自动续费，每年扣费1980元。如非本人操作，${tail}`;
  it('is a live attempt when the hotline is a mobile or a landline', () => {
    const a = analyzer.assess(sms('请今日内致电人工专线0755-26618830办理取消。'));
    expect(a.signals.map((s) => s.code)).toContain('UNOFFICIAL_HOTLINE');
    expect(a.scam).toBe(true);
  });
  it('is not when it points to the app or to the platform’s own service number', () => {
    const a = analyzer.assess(sms('可在抖音App“设置-自动续费”中关闭，详询95152。'));
    expect(a.signals.map((s) => s.code)).not.toContain('UNOFFICIAL_HOTLINE');
    expect(a.scam).toBe(false);
    expect(codesOf(sms('请致电客服热线400-820-1234办理。'))).not.toContain('UNOFFICIAL_HOTLINE');
  });
  it('does not take a courier’s own number on a delivery notice for a hotline', () => {
    expect(codesOf('【顺丰速运】您的快件已签收。如有疑问请联系派件员13812345678。')).not.toContain('UNOFFICIAL_HOTLINE');
  });
});

describe('what the real service says (1.6.0)', () => {
  it('is not a scam when the person checks a retold call with the service and it warns about 备用金 and codes', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: '客服', text: '您好，支付宝客服，请问有什么可以帮您' },
        { speaker: '我', text: '刚才有人打电话说是你们支付宝的，说我买的加湿器有质量问题要给我赔钱，让我打开备用金，我没弄' },
        { speaker: '客服', text: '那是诈骗电话，备用金是借款产品。您没有告诉他验证码吧？我这边看您的账户没有异常登录' },
      ],
    });
    expect(a.scam).toBe(false);
  });
  it('still flags a caller who calls fraud a danger and then asks for the code (nearest scam twin)', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: 'caller', text: '您好，这里是银行客服中心，您的账户有异常交易，这可能是诈骗分子的操作' },
        { speaker: 'callee', text: '真的吗？那怎么办' },
        { speaker: 'caller', text: '您把收到的验证码告诉我，我帮您把账户冻结，再把余额转到安全账户' },
      ],
    });
    expect(a.scam).toBe(true);
  });
  it('does not count a fee the courier tells you to pay in its own app', () => {
    const turns = [
      { speaker: '邮递员', text: '你好，你的海外包裹要交十九块税费，交完我下午给你送' },
      { speaker: '我', text: '怎么交' },
      { speaker: '邮递员', text: '你在中国邮政App里点“待缴税费”就能看到，直接付' },
    ];
    expect(analyzer.assess({ turns }).scam).toBe(false);
    const twin = turns.slice(0, 2).concat({ speaker: '邮递员', text: '你先把税费和保证金转到我给你的这个账户上，交完我下午给你送' });
    expect(analyzer.assess({ turns: twin }).scam).toBe(true);
  });
  it('reads a lender’s repayment reminder as the lender’s, not as a loan instruction', () => {
    const sms = '【微众银行】尊敬的客户，您的微粒贷借据本期应还1,043.27元，将于11月20日从您尾号6612的银行卡自动扣款，请确保余额充足。';
    expect(codesOf(sms)).not.toContain('LOAN_INSTRUCTION');
    expect(codesOf('您打开微粒贷借2万出来，转到我给您的账户')).toContain('LOAN_INSTRUCTION');
  });
  it('reads 反诈提示 as a notice header', () => {
    const sms =
      '【滨海农商银行】反诈提示：凡是陌生来电主动提出“退款”“理赔”，并要求您下载会议软件、开通借款、转账到“安全账户”的，一律是诈骗！';
    expect(analyzer.assess(sms).scam).toBe(false);
  });
  it('reads 不加 as a refusal of the channel, 如果不加 as a threat', () => {
    expect(codesOf('我们店铺客服只在旺旺服务，不加个人微信哈')).not.toContain('ADD_WECHAT');
    expect(codesOf('如果不加微信的话，理赔没法处理')).toContain('ADD_WECHAT');
  });
});

describe('interviews, quizzes and who is who in a transcript (1.11.0)', () => {
  const steps = '对方说包裹丢了要双倍赔偿，让加QQ，下载会议软件开屏幕共享，再开备用金把钱转到指定账户。';
  it('reads a journalist’s interview with the police as a notice', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: '记者', text: '这类骗局一般怎么开始？' },
        { speaker: '民警', text: `先是一个陌生电话，${steps}` },
      ],
    });
    expect(a.scam).toBe(false);
  });
  it('still flags the same steps asked for by the caller (nearest scam twin)', () => {
    const a = analyzer.assess({
      turns: [
        { speaker: '客服', text: '您好，我是中通快递理赔中心的，您的包裹丢了，我们双倍赔偿' },
        { speaker: '我', text: '哦，那怎么弄' },
        { speaker: '客服', text: '您加一下QQ，下载会议软件开屏幕共享，再开备用金把钱转到指定账户，我指导您' },
      ],
    });
    expect(a.scam).toBe(true);
  });
  it('keeps a victim’s own answers in a police statement', () => {
    const statement = '问：你说一下经过。\n答：有个人说是淘宝客服，让我加QQ下载会议软件。\n问：后来呢？\n答：我开了借呗，转到他给的账户。';
    expect(analyzer.parse(statement).map((t) => t.speaker)).toEqual(['问', '答', '问', '答']);
    expect(codesOf(statement)).toEqual(expect.arrayContaining(['ADD_QQ', 'SELF_COMPLIED']));
  });
  it('reads a scenario quiz as a notice even when it never says 诈骗', () => {
    const quiz = [
      '【情景题·您会怎么做？】',
      '情景一：电话里的人说自己是顺丰理赔中心，说包裹丢了要赔您两倍，让您扫一个二维码进入理赔系统。',
      '参考做法：挂断，打开顺丰官方App查询快递状态。',
      '情景二：一位客服说您的百万医疗险要扣费，让您下载会议软件共享屏幕来取消。',
      '参考做法：挂断，在支付宝保险页面自己查。',
    ].join('\n');
    expect(analyzer.assess(quiz).scam).toBe(false);
  });
  it('reads 是不是 as a question, while 是不是有人让您… stays the real service’s check', () => {
    expect(codesOf('客服：您是不是在支付宝上开了一个百万医疗保障，每个月要扣钱')).toContain('PRETEXT_MILLION_PROTECTION');
    expect(codesOf('客服：是不是有人让您把钱转到安全账户？')).not.toContain('SAFE_ACCOUNT');
  });
  it('does not read a step not followed as followed', () => {
    expect(codesOf('来电人均未按对方要求操作')).not.toContain('SELF_COMPLIED');
    expect(codesOf('我当时心一慌，差点就信了')).not.toContain('SELF_COMPLIED');
    // 1.15.0: believing is not a step (the labelling rule counts what she did), doing what he said is.
    expect(codesOf('我当时心一慌，就信了')).not.toContain('SELF_COMPLIED');
    expect(codesOf('我当时心一慌，就照做了')).toContain('SELF_COMPLIED');
  });
  it('tells the caller from the person in an A/B transcript by who introduces an organisation', () => {
    const transcript = [
      'A：喂你好是潘先生吧',
      'B：对你哪里',
      'A：这边是支付宝的百万医疗保障客服中心，您去年开通的保障免费期到了，下个月开始每月扣一千二',
      'B：我没开过什么保险',
      'A：我这边可以帮你取消，但是要你本人配合认证，支付宝里面是看不到的',
      'B：那我不弄了',
    ].join('\n');
    expect(analyzer.parse(transcript).map((t) => t.role)).toEqual(['other', 'self', 'other', 'self', 'other', 'self']);
    expect(analyzer.assess(transcript).scam).toBe(true);
    // Neither side introduces itself: nothing to go on, the roles stay unknown.
    expect(new Set(analyzer.parse('A：你好\nB：你好，什么事\nA：问一下明天开会的事').map((t) => t.role))).toEqual(new Set(['unknown']));
  });
  it('takes the one unnamed label beside 【坐席】 for the person', () => {
    const roles = analyzer
      .parse('【坐席】您好，这里是拼多多商家服务中心\n许：是我\n【坐席】您的代理试用期已满\n许：我没申请过')
      .map((t) => t.role);
    expect(roles).toEqual(['other', 'self', 'other', 'self']);
  });
  it('reads text messages in a row from one sender as the sender’s, and 客服薇 as WeChat', () => {
    const sms =
      '【快手】尊敬的用户，您开通的“快手直播代理”服务将于今日到期，到期后将按680元/月自动续费。如非本人操作，请添加专属客服薇：ks-kefu8821 办理关闭。\n【快手】温馨提示：添加客服时请备注工单号。';
    expect(analyzer.parse(sms).map((t) => t.role)).toEqual(['other', 'other']);
    expect(codesOf(sms)).toEqual(expect.arrayContaining(['PRETEXT_AUTO_CHARGE', 'ADD_WECHAT']));
    expect(codesOf('张薇说她周末回来')).not.toContain('ADD_WECHAT');
  });
});

describe('staff among themselves, notices to agents, a step told plainly (1.12.0)', () => {
  const opening = '您好，这里是淘宝理赔中心，您的运费险赔付失败，支付宝返回账户异常，今天不处理就过期了';
  const attempt = (turns: { speaker: string; text: string }[]) => {
    const stream = analyzer.stream();
    for (const t of turns) stream.push(t);
    return stream.liveAttempt().scam;
  };
  it('is no live attempt when only the service’s own people talk', () => {
    expect(
      attempt([
        { speaker: '理赔员A', text: opening },
        { speaker: '理赔员B', text: '这种让用户在订单页点重新领取就行，别打电话要卡号' },
      ]),
    ).toBe(false);
  });
  it('is a live attempt when the same opening is made to the person (nearest scam twin)', () => {
    expect(
      attempt([
        { speaker: '理赔员', text: opening },
        { speaker: '我', text: '啊？那怎么办' },
      ]),
    ).toBe(true);
  });
  it('reads a company’s internal notice about impersonation calls as a notice', () => {
    const memo =
      '【理赔部内部通知】关于客户咨询“冒充理赔来电”的标准应答\n近期客户反映接到自称我司理赔专员的来电，称理赔款多赔了需要退回，让客户加好友、下载软件、共享屏幕再借款转账。\n请各组长组织学习。';
    expect(analyzer.assess(memo).scam).toBe(false);
  });
  it('takes 我加了 for a step followed, so a retelling that then stops is still a scam', () => {
    const story = '他说我的校园贷账户没注销，不注销征信有污点，让我加他QQ，我加了。他发了个注销链接让我填银行卡，我还没填。';
    expect(codesOf(story)).toContain('SELF_COMPLIED');
    expect(analyzer.assess(story).scam).toBe(true);
  });
});

describe('a bank’s own notice, voice-to-text words (1.13.0)', () => {
  it('reads a bank sending you to its branch as the real process, so its SMS is no live attempt', () => {
    const real = '【某某银行】尊敬的客户，您尾号6612的账户近期交易存在异常，已暂停非柜面交易，请携带本人身份证到就近网点办理。';
    expect(codesOf(real)).toContain('OFFICIAL_PROCESS');
    expect(analyzer.assess(real).scam).toBe(false);
    const twin = '【某某银行】尊敬的客户，您尾号6612的账户近期交易存在异常，请立即添加客服微信kf-8821办理解冻，逾期冻结。';
    expect(analyzer.assess(twin).scam).toBe(true);
  });
  it('hears a cancelled plane, a screen shown to the caller and 叮叮 as the scam’s words', () => {
    const said = '航空公司打电话说我们后天飞昆明的飞机取消了 要给我们改签 他喊我下个叮叮 我下了 他喊我把屏幕给他看 我点了';
    expect(codesOf(said)).toEqual(expect.arrayContaining(['PRETEXT_FLIGHT', 'SCREEN_SHARE']));
    expect(codesOf('你下载叮叮进会议')).toContain('MEETING_APP');
    expect(codesOf('他问我航班取消了没')).not.toContain('SCREEN_SHARE');
  });
});

describe('the real service’s findings and questions, Cantonese, a claim routed round the platform (1.14.0)', () => {
  it('reads a bank agent’s “no fraudulent charge” and “that account does not exist” as findings, not the alarm', () => {
    expect(codesOf('坐席：您这张卡最近的交易都正常，没有盗刷，也没有被冻结。')).not.toContain('PRETEXT_ACCOUNT_ANOMALY');
    expect(codesOf('坐席：“安全账户”这个东西根本不存在，谁让您转都别转。')).not.toContain('SAFE_ACCOUNT');
    // 1.15.1: 不存在 alone is the scammer's reassurance, not a warning.
    expect(codesOf('客服：您打开屏幕共享，这个操作不存在任何风险')).toContain('SCREEN_SHARE');
    expect(codesOf('客服：把钱转到安全账户，资金不存在风险')).toContain('SAFE_ACCOUNT');
    const alarm = '坐席：您这张卡在外地被盗刷了，需要把钱转到安全账户';
    expect(codesOf(alarm)).toEqual(expect.arrayContaining(['PRETEXT_ACCOUNT_ANOMALY', 'SAFE_ACCOUNT']));
    expect(analyzer.assess(alarm).scam).toBe(true);
  });
  it('reads the service asking what the caller wanted as a question, not an instruction', () => {
    expect(codesOf('坐席：他有没有让你下载什么App、开会议？')).not.toContain('DOWNLOAD_APP');
    expect(codesOf('坐席：你先下载一个会议App，开一下屏幕共享')).toContain('DOWNLOAD_APP');
  });
  it('hears Cantonese hanging up and “will not” (收线, 唔会)', () => {
    expect(codesOf('佢叫我加QQ，我就收线咗')).toContain('SELF_REFUSED');
    expect(codesOf('阿明：京东唔会叫你加QQ')).not.toContain('ADD_QQ');
    const news = '冯生：新闻话有骗子扮快递客服，话你包裹整烂咗要双倍赔，之后叫你借网贷，再用佢畀嘅账号买礼品卡';
    expect(analyzer.assess(news).scam).toBe(false);
  });
  it('sees a soaked parcel paid in full plus extra, outside the shop', () => {
    const call = '快递员：你的包裹在转运中心被水泡了，给你全额理赔，另外补偿200，理赔单独走，退不到淘宝，你加一下我QQ';
    expect(codesOf(call)).toEqual(expect.arrayContaining(['PRETEXT_PARCEL', 'MULTIPLE_COMPENSATION', 'OFF_PLATFORM']));
    expect(analyzer.assess(call).scam).toBe(true);
    expect(analyzer.assess('客服：亲，给您全额退款，另外补偿5元无门槛红包，退款原路退回').scam).toBe(false);
  });
  it('hears a late payment “fixed away” as credit repair', () => {
    expect(codesOf('他说能把我征信上的逾期修掉，我给他转了两千修复费')).toContain('PRETEXT_CREDIT_REPAIR');
  });
});

describe('belief is not a step, a purpose clause does not deny, damage by forklift (1.15.0)', () => {
  it('does not count “I believed it at first” as a step followed', () => {
    const story = '我一开始真信了，后来觉得不对，直接挂了，软件没下';
    expect(codesOf(story)).not.toContain('SELF_COMPLIED');
    expect(codesOf(story)).toContain('SELF_REFUSED');
  });
  it('reads 为避免… as a purpose, so the hotline after it still counts', () => {
    const sms = '【某航空】您的航班已取消，为避免影响您的出行请及时联系客服021-6688 1234办理改签';
    expect(codesOf(sms)).toContain('UNOFFICIAL_HOTLINE');
    expect(analyzer.assess(sms).scam).toBe(true);
    expect(codesOf('为避免资金损失，请勿向任何人透露验证码')).toEqual([]);
  });
  it('hears a refund in full plus more, and a parcel crushed by a forklift', () => {
    expect(codesOf('快递员：我们给您全额退款再赔您500')).toContain('MULTIPLE_COMPENSATION');
    expect(codesOf('快递员：您的冰箱装车的时候被叉车撞凹了')).toContain('PRETEXT_PARCEL');
  });
});

describe('a step followed, told to the real hotline; records, quizzes and alerts; a station’s call (1.16.0)', () => {
  const hotline = (said: string) => ({
    turns: [
      { speaker: '坐席', text: '您好，顺丰速运，请讲' },
      { speaker: '客户', text: `昨天有个人打电话说我的快递在仓库被压坏了，要赔我三倍，让我加他微信，${said}，他又发了个收款二维码让我扫` },
      { speaker: '坐席', text: '您扫了吗？我们理赔只在官方App里申请，不会加您个人微信，对方是骗子，请把他删掉' },
      { speaker: '客户', text: '还没扫，好的' },
    ],
  });
  it('is a scam when the person tells the real service she followed a step, not when she followed none', () => {
    expect(analyzer.assess(hotline('我加了')).scam).toBe(true);
    expect(analyzer.assess(hotline('我没加')).scam).toBe(false);
  });
  it('hears a meeting still running as a step followed, and a loan of her own as none', () => {
    expect(codesOf('我: 我那个手机现在还在跟他们理赔部开会呢')).toContain('SELF_COMPLIED');
    expect(codesOf('我: 我现在手机上开着他们的会议')).toContain('SELF_COMPLIED');
    expect(codesOf('我: 我上个月借了五千，分十期')).not.toContain('SELF_COMPLIED');
    expect(codesOf('我: 他还晓得我借了多少钱')).not.toContain('SELF_COMPLIED');
  });
  it('hears 备用金 as the claim’s “account” and a multiple written in digits', () => {
    expect(codesOf('客服：您需要先开通备用金作为理赔承接账户')).toContain('REFUND_VIA_LOAN');
    expect(codesOf('客服：备用金是借款，不是理赔款，不要领')).not.toContain('REFUND_VIA_LOAN');
    expect(codesOf('客服：包裹已确认丢失，平台按3倍赔付')).toContain('MULTIPLE_COMPENSATION');
  });
  it('reads a case record’s “受害人：王某，男” as a field, so the record’s steps count', () => {
    const record = [
      '【案件记录】',
      '受害人：王某，男，45岁，由派出所转来。',
      '王某接到自称快递理赔客服的电话，称其包裹在运输中损毁，按双倍理赔。',
      '对方以信用分不足为由，让其在借呗借款3万元，再登录对方提供的京东账号购买E卡。',
    ].join('\n');
    expect(analyzer.assess(record).scam).toBe(true);
  });
  it('reads a quiz’s answers and a regulator’s alert about illegal agents as notices', () => {
    const quiz = [
      '【反诈小测验】',
      '1. 有人说退款要先开通备用金，对吗？',
      '答案：不对。',
      '2. 对方说“理赔款打到了您的备用金里，多的要退回”，这是真的吗？',
      '答案：假的，备用金是借款。',
      '3. 对方让您开屏幕共享，能开吗？',
      '答案：不能。',
    ].join('\n');
    expect(analyzer.assess(quiz).scam).toBe(false);
    const alert =
      '【风险提示】近期有不法机构宣称可以帮助消费者“消除逾期记录”，以收取“服务费”为目的，诱导消费者提供身份证、银行卡、账户密码，或将还款资金转入其指定账户。征信中真实的逾期记录无法被任何机构修复。';
    expect(analyzer.assess(alert).scam).toBe(false);
  });
  it('hears a parcel station’s unsolicited double pay and a lost pair of shoes paid back', () => {
    const station = {
      turns: [
        { speaker: '快递员', text: '喂，你有个电动牙刷放我们站点的，昨晚站点进水了，泡坏了，我们给你赔两倍，你支付宝账号多少' },
        { speaker: '我', text: '我现在过去看看' },
      ],
    };
    expect(analyzer.assess(station).scam).toBe(true);
    const shoes = { turns: [{ speaker: 'caller', text: '阿姨您好，我是快递公司的，您家买的老人鞋丢了，我们要赔您钱' }] };
    expect(analyzer.assess(shoes).scam).toBe(true);
    expect(analyzer.assess({ turns: [{ speaker: '快递员', text: '您好，您的快递在我们驿站，记得来取' }] }).scam).toBe(false);
  });
});

describe('a group notice’s header line, the caller’s instructions retold, a merchant’s back office (1.17.0)', () => {
  it('does not take “点了没” or the caller’s retold “领了之后…” for a step she followed', () => {
    expect(codesOf('我: 链接点了没')).not.toContain('SELF_COMPLIED');
    expect(codesOf('我: 他说领了之后把多出来的还给他就行')).not.toContain('SELF_COMPLIED');
    expect(codesOf('我: 他让我加他微信，我加了')).toContain('SELF_COMPLIED');
    expect(codesOf('我: 有个人打电话说我的快递丢了，我就按他说的加了QQ')).toContain('SELF_COMPLIED');
    const checked = {
      turns: [
        { speaker: 'customer', text: '你好 备用金在哪里开通啊' },
        { speaker: 'agent', text: '您好，支付宝客服。请问您开通备用金是做什么用呢？' },
        { speaker: 'customer', text: '有个客服打电话说我买的东西有质量问题 退款退到备用金里了 他说领了之后把多出来的还给他就行' },
        { speaker: 'agent', text: '请您先不要开通！这是诈骗。备用金是借款，任何退款都不会退到备用金。' },
        { speaker: 'customer', text: '好的 谢谢' },
      ],
    };
    expect(analyzer.assess(checked).scam).toBe(false);
  });
  it('reads a header alone on its line as opening the notice that follows it', () => {
    const group = [
      '@全体成员 各位同学注意一下：',
      '最近有同学接到冒充“助学贷款中心”的电话，说你们开通了“学生账户”要注销，然后让加QQ、开会议软件共享屏幕，最后让你借钱转到“指定账户”。',
      '接到这类电话直接挂。',
    ].join('\n');
    expect(analyzer.assess(group).scam).toBe(false);
    expect(codesOf('班长：今天班会念一下反诈的东西。第一种，说你买的东西有质量问题，让你加QQ、开腾讯会议共享屏幕')).toEqual([]);
  });
  it('leaves a merchant’s own back office and the student-loan servicer’s site to the real service', () => {
    expect(codesOf('客服：保证金请在商家后台“保证金管理-补缴”里付，请只在后台操作')).not.toContain('OFF_PLATFORM');
    expect(codesOf('客服：我们后台操作一下就能退')).toContain('OFF_PLATFORM');
    expect(codesOf('老师：你现在登录学生在线服务系统，点还款')).toContain('OFFICIAL_PROCESS');
  });
});

describe('posts written mid-scam, a thread’s replies, a judgment’s named victim, a claims desk’s callback (1.18.0)', () => {
  it('reads a step told mid-scam as followed (会议里, 让我下了, 进了一个会议, 还没退会议, 我下了，注册)', () => {
    expect(codesOf('楼主: 救命 我现在在飞书会议里 对方说是抖音商城客服')).toContain('SELF_COMPLIED');
    expect(codesOf('他让我下了钉钉 进了一个会议 让我开屏幕共享')).toContain('SELF_COMPLIED');
    expect(codesOf('我觉得哪里不对 我还没退会议 他一直在说您好您还在吗')).toContain('SELF_COMPLIED');
    expect(codesOf('他发了个链接让我下载一个APP。我下了，注册的时候要填银行卡号')).toContain('SELF_COMPLIED');
    // Her own order, not a step: 我下了单.
    expect(codesOf('我下了单，注册了会员')).not.toContain('SELF_COMPLIED');
  });
  it('does not take a reply’s “是骗子” for the poster turning away', () => {
    const post = [
      '楼主: 刚才有个电话说是饿了么客服 说我开通了城市合伙人代理 每个月扣998 他让我下了钉钉 进了一个会议 让我开屏幕共享 现在让我打开借呗看额度',
      '吧友: 是骗子！！赶紧挂了 别开借呗',
      '楼主: 我还在会议里 他一直在催',
      '吧友: 借呗跟饿了么有啥关系 没开就没事 马上挂',
    ].join('\n');
    const a = analyzer.assess(post);
    expect(a.signals.map((s) => s.code)).not.toContain('SELF_REFUSED');
    expect(a.scam).toBe(true);
  });
  it('reads a judgment’s sentences about its named victim as what happened to her', () => {
    const judgment =
      '经审理查明：被告人钟某某所在诈骗团伙的成员冒充天猫旗舰店售后客服，拨打被害人谭某某电话，谎称面霜成分不合格，给予双倍理赔。' +
      '随后该团伙成员诱骗谭某某添加QQ，以芝麻信用分不足、需通过走流水提升信用分为由，指使谭某某在借呗借款共计人民币62000元，又让谭某某购买礼品卡共计人民币60000元。';
    expect(codesOf(judgment)).toEqual(expect.arrayContaining(['ADD_QQ', 'TURNOVER', 'GIFT_CARD']));
    // A notice about no one in particular stays a notice.
    expect(
      codesOf('【村务通知】县公安局反诈中心提醒：近期我县多人接到自称淘宝客服的电话，让您加QQ、进会议软件共享屏幕，再开借呗借钱转过去。'),
    ).not.toContain('ADD_QQ');
  });
  it('does not read a claims desk calling back about her own report as an unsolicited pretext', () => {
    const callback = {
      turns: [
        { speaker: '理赔员', text: '应先生您好，我是平安理赔员，您昨天报案说车辆被盗了，跟您说一下后面的流程。' },
        { speaker: 'customer', text: '好，派出所已经立案了' },
      ],
    };
    expect(analyzer.assess(callback).scam).toBe(false);
    const unsolicited = {
      turns: [
        { speaker: '理赔员', text: '应先生您好，我是平安理赔员，您的账户被盗了，需要马上处理。' },
        { speaker: 'customer', text: '啊？' },
      ],
    };
    expect(analyzer.assess(unsolicited).scam).toBe(true);
  });
  it('hears the real courier’s “别加，骗子” and the service’s own promise of time', () => {
    expect(codesOf('快递员: 别加，骗子。件好好在我手上呢')).toContain('DEBUNKED');
    expect(codesOf('客服: 电子保单半小时内会发到您手机')).not.toContain('URGENCY');
    expect(codesOf('客服: 您必须半小时内完成操作')).toContain('URGENCY');
    expect(codesOf('客服: 最后提醒您，任何人以“缴纳保证金”为由要求您付钱，都请不要相信')).not.toContain('DEPOSIT_FEE');
  });
});

describe('a 96110 officer’s call to someone mid-scam, voice-to-text without punctuation (1.19.0)', () => {
  it('reads her short answer to a question about a step as the step followed or refused', () => {
    const asked = (answer: string) =>
      codesOf({
        turns: [
          { speaker: '民警', text: '你好，我是深圳市反诈中心的。他让你加QQ，你加了吗？' },
          { speaker: '同学', text: answer },
        ],
      });
    expect(asked('加了，刚加上，他发了个链接让我填')).toContain('SELF_COMPLIED');
    expect(asked('没，我说我晚上再说')).toContain('SELF_REFUSED');
    expect(asked('没，我说我晚上再说')).not.toContain('SELF_COMPLIED');
    // A question about what he did, answered with what he said: not her step.
    const his = codesOf({
      turns: [
        { speaker: '客服', text: '您好，信用卡中心。他有没有让您加微信、下载软件或者说验证码？' },
        { speaker: '客户', text: '发了让我下载个什么云视讯 我还没下' },
      ],
    });
    expect(his).not.toContain('SELF_COMPLIED');
    const still = codesOf({
      turns: [
        { speaker: '民警', text: '这里是郑州市公安局反电信网络诈骗中心。您手机屏幕现在还在共享吗？' },
        { speaker: '事主', text: '还在。哎他在会议里喊我了' },
      ],
    });
    expect(still).toContain('SELF_COMPLIED');
  });
  it('hears a call mid-scam as a scam: the officer debunks, she tells the steps she followed', () => {
    const call = {
      turns: [
        { speaker: '民警', text: '喂，是谢师傅吧？我是成都市反诈中心的，96110。你今天是不是往一个外省的账户转了3800块？' },
        { speaker: '师傅', text: '转了嘛，咋个了？' },
        { speaker: '民警', text: '能不能说一下是转给哪个的？' },
        { speaker: '师傅', text: '借呗那边退息的。人家说我前年借的钱利息收高了，要退我五千多，但是要先交3800保证金。' },
        { speaker: '民警', text: '谢师傅，这钱是被骗了。他后面再喊你交啥子解冻费、手续费，一分都不要交。' },
      ],
    };
    expect(analyzer.assess(call).scam).toBe(true);
  });
  it('knows more words for a step told mid-scam, and not a denial of the pretext', () => {
    expect(codesOf('我: 用我的白条在上面买了五张一千的E卡，已经买了五千了')).toContain('SELF_COMPLIED');
    expect(codesOf('我: 转过一个500的建档费')).toContain('SELF_COMPLIED');
    expect(codesOf('我: 我没转过一分钱，直接挂了')).not.toContain('SELF_COMPLIED');
    expect(codesOf('我: 下了一个云视讯 就照他说的点')).toContain('SELF_COMPLIED');
    expect(codesOf('我: 说我开通了城市合伙人代理 我根本没开过啊')).not.toContain('SELF_REFUSED');
    expect(codesOf('民警: 谢师傅，这钱是被骗了')).toContain('DEBUNKED');
  });
  it('lets a veto reach only so far in a transcript without punctuation', () => {
    const voice =
      '今天早上 有一个 申通快递的 打电话给我 说我在 拼多多 买的那个 电饭锅 一百多块 在 路上 弄丢了 要 赔我 两倍 他连 那个 单号 都 有 讲 对 我就 相信了 他叫我 加他 微信 我就 加了';
    expect(codesOf(voice)).toContain('SELF_COMPLIED');
    expect(codesOf('他说我在直播间开通了会员 我就 加了')).not.toContain('SELF_COMPLIED');
  });
  it('reads the caller’s steps in her retelling, and the real route run down', () => {
    expect(codesOf('客服: 叫我装个QQ加他，他在QQ上教我弄')).toContain('ADD_QQ');
    expect(codesOf('我: 我手机上装了QQ音乐')).not.toContain('ADD_QQ');
    expect(codesOf('我: 然后给我发了个短信，让我点进去')).toContain('SEND_LINK');
    expect(codesOf('我: 刚才京东客服打电话，说我白条利率不合规，发了个链接让我下新的')).toContain('SEND_LINK');
    expect(codesOf('客服: 原路退款的话呢是需要商家那边操作的 流程会比较慢')).not.toContain('OFFICIAL_PROCESS');
    expect(codesOf('客服: 退款会原路退回，一般三到五个工作日到账')).toContain('OFFICIAL_PROCESS');
  });
});

describe('a bank’s risk-control callback, screenshots turned into text (1.20.0)', () => {
  it('hears a bank’s callback about a paused transfer as a scam when she tells the steps she followed', () => {
    const call = {
      turns: [
        {
          speaker: 'agent',
          text: '王阿姨您好，我是银行南京分行的小蒋，您刚刚在手机银行给一个账户转了98000，我们先帮您停住了，想问问这是要做什么？',
        },
        { speaker: 'customer', text: '支付宝的安全部说我的账户被人盗用了，让我把存款转到安全账户保护起来，还说这是保密的。' },
        {
          speaker: 'agent',
          text: '支付宝、银行、公安都没有所谓的“安全账户”，凡是让您把钱转到安全账户的，百分之百是诈骗。您之前有没有给过他什么验证码？',
        },
        { speaker: 'customer', text: '给过两个，说是核实身份的。' },
      ],
    };
    expect(analyzer.assess(call).scam).toBe(true);
    expect(codesOf('callee: 在，另一个手机开着会议呢，他让我不要挂')).toContain('SELF_COMPLIED');
    expect(codesOf('customer: 是我付的，但不是买东西，是退款流程')).toContain('SELF_COMPLIED');
    expect(codesOf('callee: 他让我把手机上收到的数字念给他。我念了三回。')).toContain('SELF_COMPLIED');
  });
  it('does not take “没有啊” to a question about her past for turning a step down', () => {
    const past = codesOf({
      turns: [
        { speaker: 'caller', text: '我是银行寿光支行的。你儿子上学期间借过什么贷款吗？' },
        { speaker: 'callee', text: '没有啊，他说就开过一个白条' },
      ],
    });
    expect(past).not.toContain('SELF_REFUSED');
  });
  it('reads 讲 for 说 and 俺 for 我 in retold words', () => {
    expect(codesOf('客户: 他讲我刚才那笔押金备注填错了，操作失误要重新打一笔')).toContain('OPERATION_ERROR');
    expect(codesOf('customer: 前天有个人打电话，叫俺加了个QQ，说退款要走银行验证通道')).toContain('ADD_QQ');
  });
  it('reads a meeting chat pane copied from a screenshot, and a sender name as the chat’s claim', () => {
    const pane = [
      'ZOOM',
      '聊天',
      '来自 银保监学生账户清理办-孙老师 发送给 所有人：',
      '屏幕共享开始了吗？我这边还是黑的',
      '来自 萌萌 发送给 所有人：',
      '我点了 他提示要开启悬浮窗权限',
    ].join('\n');
    const turns = analyzer.parse(pane);
    expect(turns.map((t) => [t.speaker, t.role])).toContainEqual(['银保监学生账户清理办-孙老师', 'other']);
    expect(turns.map((t) => [t.speaker, t.role])).toContainEqual(['萌萌', 'self']);
    const sms = [
      '17:40 4G 55%',
      '10690 5588 2231',
      '天猫售后：亲爱的顾客，您在旗舰店购买的儿童实木书桌经质检部门抽检，板材甲醛超标，现启动召回程序，给您退款并补偿。',
      '我：是',
      '天猫售后：售后专员将在1个工作日内来电，请注意接听。',
    ].join('\n');
    expect(analyzer.assess(sms).scam).toBe(true);
    // The same words from the real store, after the buyer's own lines: no claim by name.
    const checked = [
      '买家 jiajia_1990：你好，这个短信是你们发的吗？截图给你看',
      '澜庭电器官方旗舰店：亲，这条不是我们发的！我们所有短信都不带网址，也没有三倍赔偿，热水器也不在召回范围',
      '买家 jiajia_1990：我就说，我没点',
      '澜庭电器官方旗舰店：没点就好，千万不要点。',
    ].join('\n');
    expect(analyzer.assess(checked).scam).toBe(false);
  });
  it('reads a sender that names the anti-fraud centre as a notice', () => {
    const notice =
      '国家反诈中心：近期冒充电商、快递客服以“商品质量问题”“快递丢失”为由实施诈骗高发。凡是主动来电称要给您退款理赔，并要求您加QQ微信、共享屏幕的，都是诈骗。';
    expect(analyzer.assess(notice).scam).toBe(false);
  });
});
