<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <html><body>
      <script>console.error("stylesheet script ran")</script>
      <p><xsl:value-of select="testsuite/@name"/></p>
    </body></html>
  </xsl:template>
</xsl:stylesheet>
