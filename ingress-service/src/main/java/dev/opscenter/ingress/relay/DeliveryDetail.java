package dev.opscenter.ingress.relay;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.opscenter.common.relay.DeliveryMessage;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * DeliveryDetail is a delivery's fields and every attempt made of it, oldest first. The list is {@code attemptLog}
 * because {@code attempts} is already the delivery's attempt count, in the shape lists and the live socket share.
 */
@Serdeable
record DeliveryDetail(@JsonUnwrapped DeliveryMessage delivery, List<DeliveryAttempt> attemptLog) {}
