package io.holdfast.release;

/** Where a store's gateway update stands, as it reports it to regional IT and shows it on the status page. */
public enum UpdateState {
    /** No release in hand. */
    IDLE,
    /** Fetching a release's files (the detail says how far). */
    DOWNLOADING,
    /** Every file is here and checked; not installed yet. */
    STAGED,
    /** Staged, and the gate says what it waits for. */
    WAITING,
    /** Switching to the new release. */
    INSTALLING,
    /** The new release runs and is checking its health on business results. */
    CHECKING,
    /** The new release passed its check and is confirmed. */
    INSTALLED,
    /** The new release failed its check (or never confirmed it), and the store switched back. */
    ROLLED_BACK,
    /** The release was refused (the detail has its code). */
    REFUSED
}
