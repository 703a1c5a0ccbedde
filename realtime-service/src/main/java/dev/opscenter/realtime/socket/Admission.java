package dev.opscenter.realtime.socket;

import java.security.Principal;

/** Admission is the handshake's verdict on a socket upgrade: who is let in, or why nobody is. */
sealed interface Admission {

    /** Let in; the viewer's name travels with the socket as its principal, for logs. */
    record Admitted(String viewer) implements Admission, Principal {
        @Override
        public String getName() {
            return viewer;
        }
    }

    /** No ticket or header that admits: 401. */
    record Refused() implements Admission {}

    /** The ticket could not be checked because Redis did not answer: 503, never admitted. */
    record Unavailable() implements Admission {}
}
