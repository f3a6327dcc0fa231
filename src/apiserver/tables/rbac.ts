/**
 * rbac.authorization.k8s.io tables. rolebindings/clusterrolebindings print
 * NAME ROLE AGE; wide USERS GROUPS SERVICEACCOUNTS (upstream printRoleBinding, v1.33).
 * roles/clusterroles have no printer upstream, so they get the default NAME/CREATED AT table.
 */
import { DOC } from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, age, col, nameOf, type TablePrinter } from './helpers';

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts, each ", "-joined. */
export function subjectCells(subjects: any[] | undefined): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s?.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
    else if (s?.kind === 'User') users.push(s.name ?? '');
    else if (s?.kind === 'Group') groups.push(s.name ?? '');
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingPrinter(roleRefDoc: string, what: string): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      col('Role', 'string', roleRefDoc),
      AGE_COLUMN,
      col('Users', 'string', `Users in the ${what}`, 1),
      col('Groups', 'string', `Groups in the ${what}`, 1),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
    ],
    row(b, now) {
      const ref = b?.roleRef ?? {};
      return { cells: [nameOf(b), `${ref.kind ?? ''}/${ref.name ?? ''}`, age(b, now), ...subjectCells(b?.subjects)] };
    },
  };
}

/** rbac printers keyed by plural. */
export const rbacPrinters: Record<string, TablePrinter> = {
  rolebindings: bindingPrinter(DOC.rbRoleRef, 'roleBinding'),
  clusterrolebindings: bindingPrinter(DOC.crbRoleRef, 'clusterRoleBinding'),
};
