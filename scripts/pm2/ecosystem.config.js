// PM2 ecosystem file for the vaultsync agents, for people who run their services with PM2:
//   pm2 start scripts/pm2/ecosystem.config.js --only vaultsync-cloud    (on the VM)
//   pm2 start scripts/pm2/ecosystem.config.js --only vaultsync-local    (on the desktop)
//   pm2 save && pm2 startup                                             (start again after a reboot)
// Edit the launcher paths, --vault and HOME first; each vault must have been set up with `init` as the same
// user. The launchers (bin/cloud-agent, bin/local-agent: the distribution archive's, or target/bin/ after a
// build) give `run` the JVM settings of the benchmark (peak RSS 163 MB on a 100k-file vault) and a UTF-8
// locale, and exec the JVM, so PM2's SIGTERM reaches the agent: it finishes the cycle in flight and exits 0
// (kill_timeout leaves it time to); PM2 restarts it if it ever stops. More JVM flags: VAULTSYNC_JAVA_OPTS.
// The remote is reached through HOME/.ssh (config, known_hosts, keys) or the paths in .git/vaultsync/agent.yaml.
function agent(name, launcher, vault, home) {
  return {
    name,
    script: launcher,
    args: ['run', '--vault', vault],
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
    agent('vaultsync-cloud', '/opt/vaultsync/bin/cloud-agent', '/srv/vault', '/home/vaultsync'),
    agent('vaultsync-local', `${process.env.HOME}/vaultsync/bin/local-agent`, `${process.env.HOME}/Vault`,
      process.env.HOME),
  ],
};
