/**
 * What crosses to central over MQTT: the outbox relay, central's acknowledgements, downstream
 * snapshots and deltas with gap repair, signed commands and update bundles, the fleet heartbeat
 * and last will. Its classes arrive with the sync issue.
 */
package io.holdfast.sync;
