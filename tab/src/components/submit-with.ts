// A form's onSubmit that runs the form's own action in place of the browser's submit (which would load a page).
import type { FormEvent } from 'react';

export function submitWith(action: () => unknown): (e: FormEvent) => void {
  return (e) => {
    e.preventDefault();
    void action();
  };
}
