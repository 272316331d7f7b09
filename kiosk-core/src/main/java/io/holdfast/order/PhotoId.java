package io.holdfast.order;

/** The kind of photo ID a colleague saw: recorded with the hand-over, never its number. */
public enum PhotoId {
    DRIVING_LICENCE,
    PASSPORT,
    NATIONAL_ID_CARD,
    OTHER_PHOTO_ID
}
