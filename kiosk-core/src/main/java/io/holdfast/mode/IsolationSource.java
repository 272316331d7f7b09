package io.holdfast.mode;

/** Who may isolate a capability, and so who may restore it. */
public enum IsolationSource {
    /** The store manager's kill switch: the manager may lift only what the manager set. */
    STORE_MANAGER,
    /** A signed command from regional IT, which may lift any isolation. */
    REGIONAL_IT
}
