/**
 * A description or motivation says what a project is for when longer than this.
 *
 * @public
 */
export const MEANINGFUL_TEXT_LENGTH = 30;

/**
 * Whether a description or motivation says enough to tell people whether the
 * project is for them: more than {@link MEANINGFUL_TEXT_LENGTH} characters,
 * not counting surrounding white space.
 *
 * @public
 */
export function isMeaningfulText(text: string | null | undefined): boolean {
  return (text?.trim().length ?? 0) > MEANINGFUL_TEXT_LENGTH;
}
