package io.vaultsync.claim;

import io.vaultsync.config.AgentSettings;
import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import io.vaultsync.fixtures.vaults.Vaults;
import io.vaultsync.lease.Lease;
import io.vaultsync.policy.AgentSpec;
import io.vaultsync.policy.GateSettings;
import io.vaultsync.policy.Policy;
import io.vaultsync.policy.PolicyLoader;
import io.vaultsync.policy.Role;
import io.vaultsync.sync.SyncCycle;
import io.vaultsync.sync.SyncReport;
import io.vaultsync.sync.VaultInit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bare remote whose policy lists the given agents (the last one local, the others cloud), with tasks in
 * Needs_Action/ brought in by the first (cloud) agent, and one clone per agent made by the agents' own init.
 */
record ClaimVaults(Path remote, Map<String, Path> clones, Map<String, AgentSettings> settings) {

    static ClaimVaults create(Path root, List<String> agents, List<String> tasks) {
        Path remote = CGit.initBare(root.resolve("remote.git"));
        String seeder = agents.get(agents.size() - 1);
        VaultInit init = new VaultInit(Clock.systemUTC());
        Map<String, Path> clones = new LinkedHashMap<>();
        Map<String, AgentSettings> settings = new LinkedHashMap<>();
        add(init, root, remote, seeder, Role.LOCAL, clones, settings);
        // the policy is the local agent's to change: it lists every agent, committed by the local agent itself
        List<AgentSpec> specs = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            Role role = i == agents.size() - 1 ? Role.LOCAL : Role.CLOUD;
            specs.add(AgentSpec.withDefaultZones(agents.get(i), role));
        }
        write(clones.get(seeder), Policy.PATH,
                PolicyLoader.render(new Policy(Policy.VERSION, "main", specs, GateSettings.defaults())));
        sync(settings.get(seeder), clones.get(seeder));
        for (int i = 0; i < agents.size() - 1; i++) add(init, root, remote, agents.get(i), Role.CLOUD, clones, settings);
        // tasks arrive in Needs_Action/, a cloud agent's zone, through that agent (plain git there would be refused)
        String ingester = agents.get(0);
        for (String t : tasks) {
            write(clones.get(ingester), "Needs_Action/" + t, "---\ntype: email\n---\n# " + t + "\n\nReply to the sender.\n");
        }
        sync(settings.get(ingester), clones.get(ingester));
        for (String a : agents) sync(settings.get(a), clones.get(a));
        return new ClaimVaults(remote, clones, settings);
    }

    private static void add(VaultInit init, Path root, Path remote, String name, Role role, Map<String, Path> clones,
            Map<String, AgentSettings> settings) {
        Path dir = root.resolve(name);
        settings.put(name, init.init(dir, remote.toString(), name, role, "machine-" + name, "main").settings());
        clones.put(name, dir);
    }

    ClaimService service(String agent, Clock clock) {
        AgentSettings s = settings.get(agent);
        return new ClaimService(s, clock, new SyncCycle(s, clock, ClaimService.BACKOFF, Vaults.STALE_LOCK_AGE),
                Lease.DEFAULT_LENGTH);
    }

    static SyncReport sync(AgentSettings s, Path vault) {
        return Vaults.sync(s, vault);
    }

    static SyncReport sync(AgentSettings s, Path vault, Clock clock, SyncCycle.Prelude prelude) {
        return Vaults.sync(s, vault, clock, prelude);
    }

    static void write(Path vault, String path, String content) {
        VaultFiles.write(vault, path, content);
    }

    static List<String> tasks(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(String.format("task-%03d.md", i));
        return out;
    }
}
