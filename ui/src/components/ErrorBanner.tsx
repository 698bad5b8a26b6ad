// An error as the core reports it ({code, message}), with the next step for the person reading it.
import type { IpcError } from "../bindings/IpcError";

export function ErrorBanner({ error, action }: { error: IpcError; action: string }) {
  return (
    <div className="error" role="alert" data-code={error.code}>
      <strong>{error.message}</strong>
      <span>{action}</span>
    </div>
  );
}
