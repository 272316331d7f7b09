package io.holdfast.regional.operator;

/** An operator as the console keeps them: the public half of their key goes into every store's trust list. */
public record Operator(String id, Role role, String publicKey) {
}
