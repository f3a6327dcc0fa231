#!/usr/bin/env node
// `npx kubeplay …`: the instructor's command line for classrooms of kubeplay clusters. It talks
// to the admin API (/admin/v1) of the local dev server by default, or of --server URL.
import { parseArgs } from './args.mjs';
import { connection } from './client.mjs';
import * as cmd from './commands.mjs';
import * as ex from './exercises.mjs';
import { openCmd } from './open.mjs';

const USAGE = `kubeplay — classrooms of Kubernetes playground clusters

Usage:
  kubeplay classroom create NAME --students a,b,c --out DIR [--nodes N] [--cpu 4] [--memory 8Gi]
                                 [--pods 110] [--profile fast|realistic] [--max-objects N]
                                 [--rps N] [--watches N] [--role admin|edit|view [--namespace NS]]
                                 [--batch 10]
  kubeplay classroom list
  kubeplay classroom show NAME
  kubeplay classroom delete NAME
  kubeplay student add CLASSROOM a,b --out DIR
  kubeplay student remove CLASSROOM STUDENT
  kubeplay kubeconfig CLASSROOM STUDENT [--out FILE]     a fresh kubeconfig (new token)
  kubeplay reset CLASSROOM STUDENT [--revoke-tokens] [--keep-grades]
                                                          wipe the student's cluster to a fresh one
                                                          (exercises stay; grades only with --keep-grades)
  kubeplay revoke CLASSROOM STUDENT [--jti ID]           refuse the student's tokens (all, or one)
  kubeplay audit CLASSROOM [--student S] [--since 10m|RFC3339] [--until T] [--limit N] [-o json]
  kubeplay exercise list [CLASSROOM]                    the catalogue, or what a classroom was assigned
  kubeplay exercise assign CLASSROOM NAME[,NAME] [-f FILE.yaml] [--student a,b] [--language fr]
  kubeplay exercise withdraw CLASSROOM NAME [--student S]
  kubeplay grades --classroom NAME [--student S] [-o csv|json]   the gradebook

Students:
  kubeplay open ADDRESS[/PATH] [--kubeconfig FILE]       a signed link to an app of your cluster
                                 (ADDRESS: NODE-IP:NODEPORT, EXTERNAL-IP[:PORT] or an Ingress host)

Connection (default: the local dev server of \`npm start\`):
  --server URL   (or KUBEPLAY_SERVER)   --token T (or KUBEPLAY_TOKEN; default .kubeplay/admin-token)
  --ca FILE      (or KUBEPLAY_CA; default .kubeplay/ca.crt for the local server)
`;

const COMMANDS = {
  'classroom create': cmd.classroomCreate,
  'classroom list': cmd.classroomList,
  'classroom ls': cmd.classroomList,
  'classroom show': cmd.classroomShow,
  'classroom get': cmd.classroomShow,
  'classroom delete': cmd.classroomDelete,
  'student add': cmd.studentAdd,
  'student remove': cmd.studentRemove,
  'student rm': cmd.studentRemove,
  kubeconfig: cmd.kubeconfigCmd,
  reset: cmd.resetCmd,
  revoke: cmd.revokeCmd,
  audit: cmd.auditCmd,
  'exercise list': ex.exerciseList,
  'exercise ls': ex.exerciseList,
  'exercise assign': ex.exerciseAssign,
  'exercise withdraw': ex.exerciseWithdraw,
  grades: ex.gradesCmd,
};

/** Run the CLI on `argv`; resolves with the process exit code. */
export async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    console.error(`error: ${e.message}`);
    return 2;
  }
  const { words, flags } = parsed;
  if (flags.help || words.length === 0) {
    process.stdout.write(USAGE);
    return words.length === 0 && !flags.help ? 2 : 0;
  }
  if (words[0] === 'open') {
    // A student's command: it needs their kubeconfig, not the admin connection.
    try {
      await openCmd(words.slice(1), flags);
      return 0;
    } catch (e) {
      console.error(`error: ${e.message}`);
      return 1;
    }
  }
  const two = `${words[0]} ${words[1] ?? ''}`;
  const [run, rest] = COMMANDS[two] ? [COMMANDS[two], words.slice(2)] : [COMMANDS[words[0]], words.slice(1)];
  if (!run) {
    console.error(`error: unknown command "${words.join(' ')}"\n\n${USAGE}`);
    return 2;
  }
  try {
    await run(connection(flags), rest, flags);
    return 0;
  } catch (e) {
    console.error(`error: ${e.message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
