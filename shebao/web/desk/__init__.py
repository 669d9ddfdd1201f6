"""The staff desk: login, the window clerk's pages and the supervisor's, behind one access rule."""
