// The one error type of the OData layer; the emulator turns it into Graph's 400 invalidRequest body.

/**
 * A query the client got wrong. `position` is the 0-based character offset into the option's text
 * where the problem was found (the convention of Microsoft.OData.Core, which Graph runs on); the
 * message already says it in words, the field is there for callers that want to underline it.
 */
export class ODataError extends Error {
  override readonly name = 'ODataError';

  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}
