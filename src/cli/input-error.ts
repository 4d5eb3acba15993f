/**
 * A problem with what the user gave us. Shown as is, Chinese first, never with a stack trace;
 * `where` names the file, line or field.
 */
export class InputError extends Error {
  constructor(
    readonly where: string,
    readonly zh: string,
    readonly en: string,
    readonly code: string,
  ) {
    super(`${where}: ${zh} (${en})`);
    this.name = 'InputError';
  }

  toJSON(): { code: string; where: string; message: string; messageEn: string } {
    return { code: this.code, where: this.where, message: this.zh, messageEn: this.en };
  }
}
