/** Stops one listener; calling it again does nothing. */
export type Unsubscribe = () => void;

/**
 * A typed listener list for one kind of event: `on` returns its own unsubscribe, `fire` calls every
 * listener in the order they subscribed. A listener that subscribes or unsubscribes during `fire`
 * takes effect from the next `fire`. With `onListenerError`, a throwing listener is reported there
 * and the others still run; without it the error reaches the caller of `fire`.
 */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  on(listener: (value: T) => void): Unsubscribe {
    // A wrapper, so the same function subscribed twice is called twice and each unsubscribe removes one.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      if (!this.onListenerError) {
        listener(value);
        continue;
      }
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** How many listeners are subscribed now. */
  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}
