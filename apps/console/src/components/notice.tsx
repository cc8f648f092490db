/** An error or success line; errors are announced to screen readers. */
export function Notice({ error, success }: { error?: string; success?: string }) {
  if (error) return <p className="notice error" role="alert">{error}</p>;
  if (success) return <p className="notice success" role="status">{success}</p>;
  return null;
}
