/** Holds the read loop while the engine is paused; what is in flight goes on being acked meanwhile. */
export class PauseGate {
	private gate: {promise: Promise<void>; open: () => void} | null = null;

	get closed(): boolean {
		return this.gate !== null;
	}

	close(): void {
		if (this.gate) return;
		let open!: () => void;
		const promise = new Promise<void>((resolve) => {
			open = resolve;
		});
		this.gate = {promise, open};
	}

	open(): void {
		const gate = this.gate;
		this.gate = null;
		gate?.open();
	}

	/** Resolves at once when open, else when opened. */
	async wait(): Promise<void> {
		if (this.gate) await this.gate.promise;
	}
}
