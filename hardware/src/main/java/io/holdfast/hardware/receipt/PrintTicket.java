package io.holdfast.hardware.receipt;

/**
 * A queued receipt.
 *
 * @param jobId  the job's number in its printer's spool
 * @param ahead  how many receipts were waiting before this one
 */
public record PrintTicket(String printerId, long jobId, int ahead) {
}
