package org.homeward.platform.names;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * The persons whose names a list needs (a drill-down page): 1 to 200 ids, in a body rather than a URL
 * (200 ids would pass the length a request line may have).
 */
public record PersonNameLookup(
        @NotNull @Size(min = 1, max = 200) List<@NotNull UUID> personIds) {}
