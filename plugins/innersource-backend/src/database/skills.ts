const toLower = (text: string) => text.toLocaleLowerCase('en-US');

/** The annotation's skills then the repository's, each once (case-insensitive). */
export function unionSkills(...lists: string[][]): string[] {
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const skill of lists.flat().map(s => s.trim())) {
    if (skill && !seen.has(toLower(skill))) {
      seen.add(toLower(skill));
      skills.push(skill);
    }
  }
  return skills;
}
