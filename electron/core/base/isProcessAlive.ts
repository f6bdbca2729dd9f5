// Whether a process of this machine still runs: signal 0 checks without sending anything. EPERM means
// it runs under another user, which still counts as alive (it may hold our data directory).
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
