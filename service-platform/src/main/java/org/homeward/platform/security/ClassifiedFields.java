package org.homeward.platform.security;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.util.NameTransformer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/**
 * Puts {@link FieldPolicy} into every JSON answer: a field marked {@link Classified} is written
 * only for a caller whose roles may see its class, whatever endpoint returns it.
 */
@Singleton
public class ClassifiedFields implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("homeward-field-policy")
                .setSerializerModifier(new BeanSerializerModifier() {
                    @Override
                    public List<BeanPropertyWriter> changeProperties(
                            SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> properties) {
                        for (int i = 0; i < properties.size(); i++) {
                            Classified classified = classification(bean, properties.get(i));
                            if (classified != null) {
                                properties.set(i, new Guarded(properties.get(i), classified.value()));
                            }
                        }
                        return properties;
                    }
                }));
    }

    /** On the accessor, or on the record component's field or constructor parameter. */
    private static Classified classification(BeanDescription bean, BeanPropertyWriter property) {
        Classified found = property.getAnnotation(Classified.class);
        if (found != null) {
            return found;
        }
        for (BeanPropertyDefinition definition : bean.findProperties()) {
            if (definition.getName().equals(property.getName())) {
                for (AnnotatedMember member :
                        Arrays.asList(definition.getField(), definition.getConstructorParameter())) {
                    if (member != null && member.getAnnotation(Classified.class) != null) {
                        return member.getAnnotation(Classified.class);
                    }
                }
            }
        }
        return null;
    }

    static final class Guarded extends BeanPropertyWriter {
        private final FieldPolicy.DataClass dataClass;

        Guarded(BeanPropertyWriter base, FieldPolicy.DataClass dataClass) {
            super(base);
            this.dataClass = dataClass;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            if (Disclosure.mayRead(dataClass)) {
                super.serializeAsField(bean, gen, prov);
            }
        }

        @Override
        public void serializeAsElement(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            if (Disclosure.mayRead(dataClass)) {
                super.serializeAsElement(bean, gen, prov);
            } else {
                serializeAsPlaceholder(bean, gen, prov);
            }
        }

        @Override
        public BeanPropertyWriter rename(NameTransformer transformer) {
            return new Guarded(super.rename(transformer), dataClass);
        }
    }
}
