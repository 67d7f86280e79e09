/**
 * The operations GraphiQL opens with: each one runs as it is against the seeded data (the
 * mutation with an editor's key in the Headers tab).
 */
export const EXAMPLE_OPERATIONS = /* GraphQL */ `# Welcome to Dossier: EU security-policy facts from the news, each traced to its sentence.
# Pick an operation with the run button.

query Quotes {
  quotes(first: 20) {
    totalCount
    nodes {
      text
      speaker { name }
      evidence { exact sentence }
    }
  }
}

query FundingAsReported {
  fundingItems(first: 20) {
    nodes {
      purpose
      amount { reportedText approximate amount currencyCode }
      qualityFlags
      qualityNote
      evidence { role exact }
    }
  }
}

query MeasuresWithDeadlines {
  measures(first: 20) {
    nodes {
      title
      status
      proposer { name }
      deadline { earliest latest precision reportedText derivation }
      evidence { role exact }
    }
  }
}

query ArticleForHighlighting {
  article(slug: "2017-10-18-eu-police-decryption-plan") {
    headline
    headlineProvenance
    publishedOn
    subheadings { exact }
    evidence { start end role exact }
  }
}

# Writes need an API key: npm run keys -- create --name NAME --role editor
# Put it in the Headers tab below as {"Authorization": "Bearer dsk_..."}.
# Without it, this answers UNAUTHENTICATED (HTTP 401).
mutation ConfirmAQuote {
  factReview(input: { id: "UXVvdGU6a2luZy1xdW90ZS1wdWJsaWMtc3BhY2Vz", status: CONFIRMED, note: "Checked against the article" }) {
    fact { ... on Quote { text reviewStatus history(first: 1) { nodes { editor change note } } } }
    userErrors { field code message }
  }
}
`;
