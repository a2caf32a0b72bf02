package io.vaultsync.sync;

/** A path the secret gate held back, and the rule that held it. Never carries the file's content. */
public record BlockedPath(String path, String rule) {}
