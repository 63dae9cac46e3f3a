package org.homeward.events.personal;

/**
 * The owner of a key could not be asked for it (not answering, or refusing for a reason other than
 * the key's destruction). Not the record's fault: a consumer waits and tries again.
 */
public class KeysUnavailableException extends RuntimeException {
    public KeysUnavailableException(String message) {
        super(message);
    }
}
