const keyLikePattern = /\b(?:sk|pk|gsk|fw|key|api|tok)[-_][A-Za-z0-9_-]{8,}/gi;

/**
 * Returns a function that removes the given secrets, and anything shaped like an API key,
 * from text we are about to show (error messages built from response bodies).
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const usable = secrets.filter((secret) => secret.length >= 4);
  return (text) => {
    let clean = text;
    for (const secret of usable) clean = clean.split(secret).join('[redacted]');
    return clean.replace(keyLikePattern, '[redacted]');
  };
}
