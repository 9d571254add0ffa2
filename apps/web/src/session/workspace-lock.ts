/**
 * One editor per workspace. Two tabs on the same workspace would each save
 * their whole session over the other's, so the first tab to open a
 * workspace holds a Web Lock named after it for as long as it lives; a
 * second tab opens read-only, is told why, follows the editor's saves
 * (BroadcastChannel), and takes over the moment the editing tab closes (the
 * browser releases a closed or crashed tab's locks).
 */
export class WorkspaceLock {
  readonly #name: string;

  /** @param workspace the IndexedDB record the lock guards */
  constructor(workspace: string) {
    this.#name = `shopplan:workspace:${workspace}`;
  }

  /**
   * Takes the workspace if no other tab holds it and resolves true; else
   * resolves false and calls `onGranted` once the holder has gone. Without
   * the Web Locks API (an old browser) every tab edits, as before.
   */
  acquire(onGranted: () => void): Promise<boolean> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (!locks) return Promise.resolve(true);
    // Held until the page goes away: the callback's promise never settles.
    const holdForever = () => new Promise<void>(() => undefined);
    return new Promise<boolean>((resolve) => {
      void locks.request(this.#name, { ifAvailable: true }, (lock) => {
        if (lock) {
          resolve(true);
          return holdForever();
        }
        resolve(false);
        void locks.request(this.#name, () => {
          onGranted();
          return holdForever();
        });
        return undefined;
      });
    });
  }
}

/** What the editing tab tells the read-only tabs of its workspace. */
export interface WorkspaceMessage {
  kind: 'saved';
}

/**
 * The channel between the tabs of one workspace: the editing tab announces
 * each completed save, read-only tabs reload the stored session on it.
 */
export class WorkspaceChannel {
  readonly #channel: BroadcastChannel | undefined;

  /** @param workspace the IndexedDB record the tabs share */
  constructor(workspace: string, onMessage: (m: WorkspaceMessage) => void) {
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`shopplan:workspace:${workspace}`) : undefined;
    this.#channel?.addEventListener('message', (e: MessageEvent) => {
      const data = e.data as Partial<WorkspaceMessage> | null;
      if (data && data.kind === 'saved') onMessage({ kind: 'saved' });
    });
  }

  /** Tells the other tabs that the stored session changed. */
  announceSaved(): void {
    this.#channel?.postMessage({ kind: 'saved' } satisfies WorkspaceMessage);
  }
}
