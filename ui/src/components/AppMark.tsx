// The app's icon mark (icons/icon.png), drawn inline: the lock screen shows it before anything is read from the core.
const NAVY = "#1a3866";
const GOLD = "#e8b84c";

export function AppMark({ size = 64 }: { size?: number }) {
  return (
    <svg className="app-mark" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill={NAVY} />
      <rect x="17" y="15" width="30" height="4" rx="1" fill={GOLD} />
      <path d="M20 25 h24 v11 a12 12 0 0 1 -24 0 z" fill={GOLD} />
      <rect x="26" y="25" width="12" height="13" fill={NAVY} />
    </svg>
  );
}
