/** How a host is reached: SSH (every host so far) or WinRM, PowerShell remoting for Windows. */
export const sql = `
ALTER TABLE host ADD COLUMN transport TEXT NOT NULL DEFAULT 'ssh' CHECK (transport IN ('ssh', 'winrm'));
`;
