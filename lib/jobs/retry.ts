/** Thrown by a job handler to be run again later (at `runAt`, or with backoff), or to stop trying (`final`). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly runAt?: Date,
    readonly final = false,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}
