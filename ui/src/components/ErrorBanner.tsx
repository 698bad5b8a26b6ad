// An error as the core reports it ({code, message}), with the next step for the person reading it. The message is
// the core's own words; only the UI's generic fallback (a bug, a lost IPC channel) is translated here.
import type { IpcError } from "../bindings/IpcError";
import { msg } from "../i18n/translate";
import { useT } from "../preferences/hooks";

/** What `asIpcError` says when the rejection carried no message of the core's (api/commands.ts). */
const GENERIC = msg("Something went wrong.");

export function ErrorBanner({ error, action }: { error: IpcError; action: string }) {
  const t = useT();
  return (
    <div className="error" role="alert" data-code={error.code}>
      <strong>{error.message === GENERIC ? t(GENERIC) : error.message}</strong>
      <span>{action}</span>
    </div>
  );
}
