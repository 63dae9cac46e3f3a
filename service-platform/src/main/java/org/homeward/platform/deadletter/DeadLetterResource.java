package org.homeward.platform.deadletter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.homeward.platform.security.Caller;
import org.homeward.platform.security.Roles;

/** ADMIN: list, inspect and replay the records this service's consumers dead-lettered. */
@Path("/api/admin/dead-letters")
@RolesAllowed(Roles.ADMIN)
public class DeadLetterResource {
    private final DeadLetters deadLetters;
    private final Caller caller;

    public DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    public List<DeadLetters.DeadLetter> list() {
        return deadLetters.list();
    }

    @GET
    @Path("/{topic}/{partition}/{offset}")
    public DeadLetters.DeadLetter get(@PathParam("topic") String topic, @PathParam("partition") int partition,
                                      @PathParam("offset") long offset) {
        return deadLetters.get(topic, partition, offset);
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    public DeadLetters.Replayed replay(@PathParam("topic") String topic, @PathParam("partition") int partition,
                                       @PathParam("offset") long offset) {
        return deadLetters.replay(topic, partition, offset, caller.actor().subject());
    }
}
