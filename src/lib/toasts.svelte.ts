/** Short messages at the bottom of the screen, each with at most one action. */
export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => Promise<void> };
}

/** Long enough to notice a mistake and reach the button; "several seconds" on a phone. */
export const TOAST_MS = 8000;

class Toasts {
  items: Toast[] = $state.raw([]);
  #next = 1;

  show(message: string, action?: Toast['action']): number {
    const id = this.#next++;
    this.items = [...this.items, { id, message, action }];
    setTimeout(() => this.dismiss(id), TOAST_MS);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

export const toasts = new Toasts();
