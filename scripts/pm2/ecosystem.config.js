// PM2 ecosystem file for the vaultsync agents, for people who run their services with PM2:
//   pm2 start scripts/pm2/ecosystem.config.js --only vaultsync-cloud    (on the VM)
//   pm2 start scripts/pm2/ecosystem.config.js --only vaultsync-local    (on the desktop)
//   pm2 save && pm2 startup                                             (start again after a reboot)
// Edit the jar paths, --vault and HOME first; each vault must have been set up with `init` as the same user.
// The JVM settings are the systemd units' (peak RSS 163 MB on a 100k-file vault). SIGTERM finishes the cycle
// in flight and the agent exits 0, so kill_timeout leaves it time to; PM2 restarts it if it ever stops.
// The remote is reached through HOME/.ssh (config, known_hosts, keys) or the paths in .git/vaultsync/agent.yaml.
const jvm = [
  '-Xms16m', '-Xmx96m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
  '-XX:ReservedCodeCacheSize=32m', '-XX:MaxMetaspaceSize=64m', '-Xss512k',
];

function agent(name, jar, vault, home) {
  return {
    name,
    script: 'java',
    args: [...jvm, '-jar', jar, 'run', '--vault', vault],
    interpreter: 'none',
    exec_mode: 'fork',
    instances: 1,
    autorestart: true,
    restart_delay: 5000,
    kill_timeout: 120000,
    max_memory_restart: '300M',
    merge_logs: true,
    env: { HOME: home, LANG: 'C.UTF-8', MALLOC_ARENA_MAX: '2' },
  };
}

module.exports = {
  apps: [
    agent('vaultsync-cloud', '/opt/vaultsync/cloud-agent.jar', '/srv/vault', '/home/vaultsync'),
    agent('vaultsync-local', `${process.env.HOME}/vaultsync/local-agent.jar`, `${process.env.HOME}/Vault`,
      process.env.HOME),
  ],
};
