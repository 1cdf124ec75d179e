/**
 * userresolver's {@code atlas} store: user profiles as {@code User} entities in Apache Atlas, in
 * the shape of Amundsen's Atlas types, read and written through Atlas's v2 REST API.
 */
module org.userresolver.atlas {
  requires transitive org.userresolver;
  requires org.userresolver.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.userresolver.atlas;

  provides org.userresolver.spi.UserStoreFactory
      with org.userresolver.atlas.AtlasUserStoreFactory;
}
