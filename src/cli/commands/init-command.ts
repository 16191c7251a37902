import { relative, resolve } from 'node:path';
import { listExamples, scaffoldTask } from '../../core/task/scaffold-task.js';
import type { CliIo } from '../cli-io.js';

export interface InitArguments {
  directory: string | undefined;
  example: string;
  force: boolean;
}

export async function initCommand(io: CliIo, args: InitArguments): Promise<number> {
  const directory = resolve(io.cwd, args.directory ?? '.');
  const { files } = await scaffoldTask({ directory, example: args.example, force: args.force });
  const shown = relative(io.cwd, directory) || '.';
  io.stdout(`Created the ${args.example} task in ${shown}:\n`);
  for (const file of files) io.stdout(`  ${relative(io.cwd, file)}\n`);
  const change = shown === '.' ? '' : `  cd ${shown}\n`;
  io.stdout(
    `\nNext:\n${change}` +
      '  tunegate eval --dry-run                        # calls, tokens and cost; spends nothing\n' +
      (files.some((file) => file.endsWith('double-rules.json'))
        ? '  tunegate eval --model double:double-rules.json # offline, with the scripted test double\n'
        : '') +
      '  tunegate eval                                  # every variant on every model in the task\n' +
      '  tunegate show                                  # pass rates with 95% intervals\n',
  );
  return 0;
}

export async function examplesHelp(): Promise<string> {
  return (await listExamples()).join(', ');
}
