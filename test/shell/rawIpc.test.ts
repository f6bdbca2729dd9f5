// DESIGN.md §1: only one file in the shell touches ipcMain and only one in preload touches
// ipcRenderer. Stricter than the general architecture test: it looks for the names anywhere in code
// (comments aside), so a file cannot reach ipcMain through a lazy import('electron') unnoticed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../architecture/layering.ts';
import { ROOT } from '../support/serveProcess.ts';

const files = sourceFiles(ROOT, ['shared', 'electron', 'renderer', 'scripts']);

function code(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const using = (name: string) => files.filter((f) => new RegExp(`\\b${name}\\b`).test(code(f)));

describe('raw IPC lives in exactly two files', () => {
  it('ipcMain: electron/shell/ipc.ts only', () => {
    expect(using('ipcMain')).toEqual(['electron/shell/ipc.ts']);
  });

  it('ipcRenderer: electron/preload/preload.ts only', () => {
    expect(using('ipcRenderer')).toEqual(['electron/preload/preload.ts']);
  });
});
