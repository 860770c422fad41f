/** A panel's explanation of why it cannot show numbers (never NaN or ∞ in their place). */
export function Problem({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="problem">
      <strong>{title}</strong>
      <p>{message}</p>
    </div>
  );
}
