/** The operations GraphiQL opens with: each one runs as it is against the seeded data. */
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
`;
