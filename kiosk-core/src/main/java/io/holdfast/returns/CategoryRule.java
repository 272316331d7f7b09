package io.holdfast.returns;

/** What the returns policy allows for a category of goods. */
public enum CategoryRule {
    RETURNABLE,
    /** Only unopened, in its sealed packaging (pierced earrings, underwear). */
    UNOPENED_ONLY,
    /** Never (food, personalised items). */
    NOT_RETURNABLE
}
