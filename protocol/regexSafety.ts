/**
 * Lexicon entries may carry a regular expression, and lexicons travel from the upstream to every
 * workstation, so a pattern is checked before it is published and again before it ever runs: one
 * that could backtrack without bound (ReDoS) is refused rather than timed out. The rule is
 * structural, so it needs no clock: no unbounded quantifier (*, +, {n,}), no quantifier on a group
 * that itself holds a quantifier or an alternation, no backreference or lookaround, and the product
 * of every quantifier's reach (max + 1) at most MAX_BACKTRACKING. Under it, the work per start
 * position is bounded by a constant of the pattern, so matching is linear in the text. (recheck
 * would prove more patterns safe; this accepts fewer, which is the safe side.)
 */

export const MAX_BACKTRACKING = 256;
export const MAX_REGEX_REPEAT = 30;

interface Group {
  quantified: boolean;
  alternation: boolean;
}

class Refusal extends Error {}

/** Why this pattern may not run (invalid, or ReDoS-prone), in words naming it; null when it is safe. */
export function regexProblem(source: string): string | null {
  try {
    new RegExp(source, 'gu');
  } catch (error) {
    return `/${source}/ is not a valid regular expression: ${(error as Error).message}`;
  }
  try {
    checkStructure(source);
    return null;
  } catch (error) {
    if (error instanceof Refusal) return `/${source}/ is refused as ReDoS-prone: ${error.message}`;
    throw error;
  }
}

function checkStructure(source: string): void {
  const refuse = (why: string): never => {
    throw new Refusal(why);
  };
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let reach = 1;
  /** The atom a quantifier would apply to: null at the start of a group or after "|". */
  let lastAtom: { group: Group | null } | null = null;

  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const top = stack.at(-1)!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') refuse('it uses a backreference');
      i += next === 'u' && source[i + 2] === '{' ? source.indexOf('}', i) - i : 1;
      lastAtom = { group: null };
    } else if (c === '[') {
      let j = i + 1;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      lastAtom = { group: null };
    } else if (c === '(') {
      if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) refuse('it uses a lookaround');
      stack.push({ quantified: false, alternation: false });
      lastAtom = null;
    } else if (c === ')') {
      const closed = stack.pop()!;
      const parent = stack.at(-1)!;
      parent.quantified ||= closed.quantified;
      lastAtom = { group: closed };
    } else if (c === '|') {
      top.alternation = true;
      lastAtom = null;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let max: number;
      if (c === '{') {
        const bound = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!bound) {
          lastAtom = { group: null };
          continue;
        }
        if (bound[2] !== undefined && bound[3] === '') refuse(`'${bound[0]}' has no upper bound`);
        max = Number(bound[3] ?? bound[1]);
        i += bound[0].length - 1;
      } else if (c === '?') {
        max = 1;
      } else {
        refuse(`'${c}' repeats without bound; write {0,${MAX_REGEX_REPEAT}} or less`);
      }
      if (lastAtom === null) continue;
      if (max! > MAX_REGEX_REPEAT) refuse(`a repeat of up to ${max!} is above ${MAX_REGEX_REPEAT}`);
      if (lastAtom.group && (lastAtom.group.quantified || lastAtom.group.alternation)) {
        refuse('a quantifier applies to a group that holds a quantifier or alternatives (nested repetition)');
      }
      top.quantified = true;
      reach *= max! + 1;
      if (reach > MAX_BACKTRACKING) refuse(`its quantifiers together may backtrack ${reach} ways at one position, above ${MAX_BACKTRACKING}`);
      if (source[i + 1] === '?') i++;
      lastAtom = null;
    } else {
      lastAtom = { group: null };
    }
  }
}
