/** Why a push stream gave way to polling: `offered` is false when the server has no such stream. */
export class PushGaveWay {
  constructor(readonly offered: boolean) {}
}
