// An owner as every ownership list shows one: their colour dot and their name.
import type { Owner } from "../../bindings/Owner";

export function OwnerName({ owner }: { owner: Owner | undefined }) {
  if (!owner) return <span className="owner-name">—</span>;
  return (
    <span className="owner-name" data-owner={owner.id}>
      <span className="dot" style={{ background: owner.colour }} aria-hidden="true" />
      {owner.name}
    </span>
  );
}
