// An error the stand-in answers with, in the shape both wire protocols need: the AWS error code, the
// HTTP status and whether the caller (Sender) or the service (Receiver) is at fault (REFERENCE 4.1, 5.3).
// issueTemporaryPassword / onWlmApplied callbacks may throw one to choose what the client sees.

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';

  constructor(code: string, message: string, status = 400, type?: 'Sender' | 'Receiver') {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
    this.type = type ?? (status >= 500 ? 'Receiver' : 'Sender');
  }
}

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message, 400);
}
