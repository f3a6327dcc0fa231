/**
 * kubeplay.dev tables: `kubectl get exercises` prints NAME STATUS SCORE AGE, and with `-o wide`
 * CHAPTER, CHECKS (passing/all) and TITLE, read from the status the exercise controller keeps.
 */
import { AGE_COLUMN, NAME_COLUMN, age, col, nameOf, type TablePrinter } from './helpers';

const exercisePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Status', 'string', 'NotStarted, InProgress, or Passed when every check passes.'),
    col('Score', 'string', 'Points of the checks passing now, out of the points of all checks.'),
    AGE_COLUMN,
    col('Chapter', 'string', 'The chapter of the course the exercise belongs to.', 1),
    col('Checks', 'string', 'Checks passing, out of all checks.', 1),
    col('Title', 'string', 'The title of the exercise.', 1),
  ],
  row(e, now) {
    const s = e?.status ?? {};
    const checks: { passed?: boolean }[] = s.checks ?? [];
    const lang = e?.spec?.language === 'fr' ? 'fr' : 'en';
    return {
      cells: [
        nameOf(e),
        s.state ?? 'Pending',
        s.maxScore !== undefined ? `${s.score ?? 0}/${s.maxScore}` : '<none>',
        age(e, now),
        e?.spec?.chapter ?? '<none>',
        `${checks.filter((c) => c.passed).length}/${checks.length}`,
        e?.spec?.title?.[lang] ?? '<none>',
      ],
    };
  },
};

/** kubeplay.dev printers keyed by plural. */
export const exercisePrinters: Record<string, TablePrinter> = { exercises: exercisePrinter };
