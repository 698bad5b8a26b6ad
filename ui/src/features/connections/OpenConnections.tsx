// The way from a screen that shows a connection needing someone to the Connections screen, where its action is: a
// link-styled button, named after the bank when there is one (several can sit on one screen).
import { useT } from "../../preferences/hooks";

export function OpenConnections({ onOpen, institution }: { onOpen: () => void; institution?: string }) {
  const t = useT();
  const text = t("Open Connections");
  return (
    <button className="link open-connections" onClick={onOpen} aria-label={institution ? t("{action}: {institution}", { action: text, institution }) : undefined}>
      {text}
    </button>
  );
}
