/**
 * Something in a JSON partial update that obsync cannot turn into the column's whole value: a diff it does not know
 * (a newer server's) or a before image that lacks the column. The event decoder turns it into an UnsupportedError
 * with the event's place; anything else wrong in a diff is a corrupt event.
 */
export class PartialJsonUnsupported extends Error {
	override readonly name = 'PartialJsonUnsupported';
	readonly hint: string;

	constructor(message: string, hint = "set binlog_row_value_options='' on the source so that updates log whole JSON values") {
		super(message);
		this.hint = hint;
	}
}
