package io.vaultsync.sync;

import io.vaultsync.VaultStateException;
import io.vaultsync.config.AgentSettings;
import io.vaultsync.config.AtomicFiles;
import io.vaultsync.conflict.ConflictCard;
import io.vaultsync.conflict.ConflictDecision.Side;
import io.vaultsync.conflict.Keep;
import io.vaultsync.gate.SecretGate;
import io.vaultsync.gate.Verdict;
import io.vaultsync.git.CommitWriter;
import io.vaultsync.git.ScanScope;
import io.vaultsync.git.StagedFile;
import io.vaultsync.journal.Op;
import io.vaultsync.policy.Zones;
import io.vaultsync.conflict.CardFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a person's decision on a card: the chosen version goes in place, the other leaves the work tree
 * (it stays in history, in the commits the card names), the card is closed, and all of it is one commit
 * carrying the card id, pushed by the cycle it runs in. Only the agent that raised a card may close it (the
 * card lives in its conflicts folder), and only with an option that writes inside its zones. The caller
 * holds the vault lock.
 */
public record CardResolver(AgentSettings settings, Clock clock, SyncCycle cycle) {
    public static final String CARD_TRAILER = "Vaultsync-Card";

    public ResolveResult resolve(Path vaultDir, String id, Keep keep, String note) throws IOException {
        Optional<CardFiles.Entry> found = CardFiles.find(vaultDir, id);
        if (found.isEmpty()) {
            cycle.run(vaultDir); // the card may be on the remote only
            found = CardFiles.find(vaultDir, id);
        }
        if (found.isEmpty()) return new ResolveResult.NoSuchCard(id);
        ConflictCard card = found.get().card();
        if (!card.isOpen()) return new ResolveResult.AlreadyResolved(card);
        String refusal = refusal(card, keep, null);
        if (refusal != null) return new ResolveResult.NotPermitted(card, refusal);
        SyncCycle.Result<ConflictCard> r = cycle.call(vaultDir, ctx -> {
            ConflictCard now = CardFiles.find(ctx.vault().workTree(), id).map(CardFiles.Entry::card)
                    .filter(ConflictCard::isOpen)
                    .orElseThrow(() -> new VaultStateException("card " + id + " was closed meanwhile; nothing changed"));
            String why = refusal(now, keep, ctx.zones());
            if (why != null) throw new VaultStateException(why + "; nothing changed");
            return apply(ctx, now, keep, note);
        }, ScanScope.ALL);
        return new ResolveResult.Resolved(r.value(), r.report());
    }

    /** Why this agent may not make this choice on this card, or null. */
    String refusal(ConflictCard card, Keep keep, Zones zones) {
        String me = settings.name();
        if (!card.createdBy().equals(me)) {
            return "card " + card.id() + " was raised by " + card.createdBy() + "; only " + card.createdBy()
                    + " can resolve it (run resolve with its vault)";
        }
        if (!card.options().contains(keep)) {
            return keep.yamlName() + " is not an option on card " + card.id() + " (options: "
                    + String.join(", ", card.options().stream().map(Keep::yamlName).toList()) + ")";
        }
        if (zones != null && writesPath(card, keep) && !zones.mayWrite(me, card.path())) {
            return me + " may not write " + card.path() + ", so it cannot put that version in place";
        }
        return null;
    }

    private static boolean writesPath(ConflictCard card, Keep keep) {
        return (keep == Keep.OURS && card.inPlace() != Side.OURS) || (keep == Keep.THEIRS && card.inPlace() != Side.THEIRS);
    }

    private ConflictCard apply(CycleContext ctx, ConflictCard card, Keep keep, String note) throws IOException {
        Path wt = ctx.vault().workTree();
        ConflictCard.Version saved = card.saved();
        byte[] savedBytes = null;
        if (keep != Keep.SKIP && saved.at() != null) {
            Path copy = wt.resolve(saved.at());
            if (!Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
                throw new VaultStateException("the saved version at " + saved.at() + " is gone from the work tree"
                        + (saved.commit() == null ? "" : "; it is in commit " + saved.commit()) + "; nothing changed");
            }
            savedBytes = Files.readAllBytes(copy);
        }
        List<StagedFile> staged = new ArrayList<>();
        if (writesPath(card, keep)) {
            // the saved version goes in place: its bytes, or its absence
            staged.add(savedBytes == null ? delete(wt, card.path()) : write(ctx, card.path(), savedBytes));
        } else if (keep == Keep.BOTH && savedBytes != null) {
            String beside = besidePath(card);
            if (!ctx.zones().mayWrite(settings.name(), beside)) {
                throw new VaultStateException(settings.name() + " may not write " + beside + "; nothing changed");
            }
            if (Files.exists(wt.resolve(beside), LinkOption.NOFOLLOW_LINKS)) {
                throw new VaultStateException(beside + " already exists; nothing changed");
            }
            staged.add(write(ctx, beside, savedBytes));
        }
        if (keep != Keep.SKIP && saved.at() != null) staged.add(delete(wt, saved.at()));
        ConflictCard closed = card.resolved(new ConflictCard.Resolution(keep, clock.instant(), settings.name(), note));
        staged.add(write(ctx, card.cardPath(), closed.render().getBytes(StandardCharsets.UTF_8)));
        String message = ctx.trailers().message("vaultsync: " + settings.name() + " resolves " + card.id() + ": "
                + keep.yamlName() + " for " + card.path()) + CARD_TRAILER + ": " + card.id() + "\n";
        CommitWriter.commit(ctx.vault(), staged, message, ctx.ident());
        ctx.journal().append(Op.CONFLICT_RESOLVE, card.id(), List.of(card.cardPath(), card.path()), null,
                keep.yamlName() + (note == null ? "" : ": " + note));
        return closed;
    }

    /** {@code dir/name.ext} → {@code dir/name (CARD-ID).ext}: the other version as a file of its own. */
    static String besidePath(ConflictCard card) {
        String p = card.path();
        int slash = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot <= slash + 1) return p + " (" + card.id() + ")";
        return p.substring(0, dot) + " (" + card.id() + ")" + p.substring(dot);
    }

    private StagedFile write(CycleContext ctx, String path, byte[] bytes) throws IOException {
        if (ctx.gate().check(path, false, bytes.length, bytes) instanceof Verdict.Blocked b) {
            throw new VaultStateException(SecretGate.shown(path) + ": the secret gate holds these bytes back [" + b.rule() + "]; nothing changed");
        }
        Path f = ctx.vault().workTree().resolve(path);
        AtomicFiles.write(f, bytes);
        return new StagedFile(path, bytes, bytes.length, Files.getLastModifiedTime(f));
    }

    private static StagedFile delete(Path wt, String path) throws IOException {
        Path f = wt.resolve(path);
        Files.deleteIfExists(f);
        Path dir = f.getParent();
        if (path.startsWith(ConflictCard.DIR) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (var left = Files.list(dir)) {
                if (left.findAny().isEmpty()) Files.delete(dir); // the card's copy folder, now empty
            }
        }
        return StagedFile.deletion(path);
    }
}
