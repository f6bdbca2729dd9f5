// "Remove" for a configured alert channel (webhook, e-mail): only when there is one, admin only.
export function RemoveChannelButton({
  shown,
  admin,
  onRemove,
}: {
  shown: boolean;
  admin: boolean;
  onRemove(): void;
}) {
  if (!shown) return null;
  return (
    <button type="button" className="button button-quiet" disabled={!admin} onClick={onRemove}>
      Remove
    </button>
  );
}
