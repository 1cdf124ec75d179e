/**
 * userresolver's {@code neo4j} store: user profiles in Amundsen's Neo4j graph, read and written
 * as Amundsen's metadata service and databuilder do.
 */
module org.userresolver.neo4j {
  requires transitive org.userresolver;
  requires org.neo4j.driver;
  requires org.slf4j;

  exports org.userresolver.neo4j;

  provides org.userresolver.spi.UserStoreFactory
      with org.userresolver.neo4j.Neo4jUserStoreFactory;
}
